import { getDb } from "@/db/client";
import { auth } from "@/lib/auth";
import { findHostEvent } from "@/lib/events/events";
import { eventStamp } from "@/lib/events/live";

/** Polled by the event page: it re-renders only when this changes. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  const { id } = await params;
  const db = getDb();
  if (!session?.user?.id || !findHostEvent(db, session.user.id, id)) return new Response("Not found", { status: 404 });
  return Response.json({ stamp: eventStamp(db, id) }, { headers: { "Cache-Control": "no-store" } });
}
