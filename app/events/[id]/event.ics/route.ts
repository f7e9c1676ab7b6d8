import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { auth } from "@/lib/auth";
import { icsResponse } from "@/lib/calendar/response";
import { appUrl } from "@/lib/env";
import { findHostEvent } from "@/lib/events/events";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  const { id } = await params;
  const event = session?.user?.id ? findHostEvent(getDb(), session.user.id, id) : null;
  if (!event) notFound();
  return icsResponse(event, `${appUrl()}/events/${event.id}`);
}
