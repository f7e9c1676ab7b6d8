import type { Db } from "@/db/client";
import type { Event } from "@/db/schema";
import { listGuests, type GuestRow } from "@/lib/guests/guests";
import { findHostEvent, listHostEvents } from "./events";
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

export const DASHBOARD_PAGE = { upcoming: 50, past: 20, all: 5_000 } as const;

/** The dashboard's two lists, in a fixed number of statements whatever the data size. */
export function dashboardData(db: Db, hostId: string, showAll: boolean, now = new Date()) {
  return {
    upcoming: listHostEvents(db, hostId, { when: "upcoming", limit: showAll ? DASHBOARD_PAGE.all : DASHBOARD_PAGE.upcoming, now }),
    past: listHostEvents(db, hostId, { when: "past", limit: showAll ? DASHBOARD_PAGE.all : DASHBOARD_PAGE.past, now }),
  };
}
