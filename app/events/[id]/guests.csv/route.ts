import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { auth } from "@/lib/auth";
import { findHostEvent } from "@/lib/events/events";
import { guestCsvResponse } from "@/lib/guests/csv-export";
import { listGuests } from "@/lib/guests/guests";

/** The guest list as a CSV download, for the event's host only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  const { id } = await params;
  const db = getDb();
  const event = session?.user?.id ? findHostEvent(db, session.user.id, id) : null;
  if (!event) notFound();
  return guestCsvResponse(event.title, listGuests(db, event.id), event.timeZone);
}
