import type { Db } from "@/db/client";
import type { Event } from "@/db/schema";
import { listGuests, type GuestRow } from "@/lib/guests/guests";
import { findHostEvent } from "./events";
import { eventStamp } from "./live";

export type EventPageData = { event: Event; guests: GuestRow[]; stamp: string };

/**
 * Everything the host's event page reads, in a fixed number of statements whatever the
 * number of guests (a test holds it to that). Null: not this host's event.
 */
export function eventPageData(db: Db, hostId: string, eventId: string): EventPageData | null {
  const event = findHostEvent(db, hostId, eventId);
  if (!event) return null;
  return { event, guests: listGuests(db, event.id), stamp: eventStamp(db, event.id) };
}
