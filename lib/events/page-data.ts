import type { Db } from "@/db/client";
import type { Cohost, Event } from "@/db/schema";
import { listGuests, type GuestRow } from "@/lib/guests/guests";
import { findManagedEvent, type ManagedEvent } from "./access";
import { listCohosts } from "./cohosts";
import { listHostEvents } from "./events";
import { eventStamp } from "./live";

export type EventPageData = {
  event: Event;
  guests: GuestRow[];
  stamp: string;
  role: ManagedEvent["role"];
  /** The event's host, named to a co-host ("You co-host this event with Grace"). */
  host: ManagedEvent["host"];
  /** Only the host sees and changes the co-hosts; a co-host gets an empty list. */
  cohosts: Cohost[];
};

/**
 * Everything the host's event page reads, in a fixed number of statements whatever the
 * number of guests (a test holds it to that). Null: the user neither hosts nor co-hosts the event.
 */
export function eventPageData(db: Db, hostId: string, eventId: string): EventPageData | null {
  const managed = findManagedEvent(db, hostId, eventId);
  if (!managed) return null;
  const { event, role, host } = managed;
  return { event, role, host, guests: listGuests(db, event.id), stamp: eventStamp(db, event.id), cohosts: role === "host" ? listCohosts(db, event.id) : [] };
}

/**
 * The dashboard's first page: the 20 soonest upcoming and 10 latest past events, then "show
 * all". At 50 and 20 the page of a host with 1,000 events cost 2.6 times the page of a host
 * with one (the growth bench's limit is 2), nearly all of it rendering the cards.
 */
export const DASHBOARD_PAGE = { upcoming: 20, past: 10, all: 5_000 } as const;

/** The dashboard's two lists, in a fixed number of statements whatever the data size. */
export function dashboardData(db: Db, hostId: string, showAll: boolean, now = new Date()) {
  return {
    upcoming: listHostEvents(db, hostId, { when: "upcoming", limit: showAll ? DASHBOARD_PAGE.all : DASHBOARD_PAGE.upcoming, now }),
    past: listHostEvents(db, hostId, { when: "past", limit: showAll ? DASHBOARD_PAGE.all : DASHBOARD_PAGE.past, now }),
  };
}
