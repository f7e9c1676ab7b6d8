import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, type Event } from "@/db/schema";
import { managedBy, roleOf, type EventRole } from "./access";
import type { EventInput } from "./schema";

export function eventColumns(input: EventInput) {
  return {
    title: input.title,
    description: input.description,
    timeZone: input.timeZone,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    locationAddress: input.locationAddress,
    locationUrl: input.locationUrl,
    rsvpDeadline: input.rsvpDeadline,
    notifyHostOnAnswer: input.notifyHostOnAnswer,
    confirmToGuest: input.confirmToGuest,
    remindUnansweredHours: input.remindUnansweredHours,
    remindAttendeesHours: input.remindAttendeesHours,
    capacity: input.capacity,
    plusOnesLimit: input.plusOnesLimit,
    guestListVisibility: input.guestListVisibility,
  };
}

export function createEvent(db: Db, hostId: string, input: EventInput): Event {
  return db.insert(events).values({ hostId, ...eventColumns(input) }).returning().get();
}

/** Only the host deletes an event: a co-host gets false, as a stranger does. */
export function deleteEvent(db: Db, hostId: string, eventId: string): boolean {
  return db.delete(events).where(and(eq(events.id, eventId), eq(events.hostId, hostId))).run().changes === 1;
}

/** The event if this user hosts or co-hosts it; anyone else's event reads as missing. */
export function findHostEvent(db: Db, hostId: string, eventId: string): Event | null {
  return db.select().from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get() ?? null;
}

export type GuestCounts = { guests: number; invited: number; yes: number; no: number; maybe: number; noAnswer: number };
export type EventSummary = Event & { counts: GuestCounts; role: EventRole };

export type EventList = { events: EventSummary[]; more: boolean };

const NO_GUESTS: GuestCounts = { guests: 0, invited: 0, yes: 0, no: 0, maybe: 0, noAnswer: 0 };

/**
 * One part of the dashboard: the events this user hosts or co-hosts, each with the user's
 * role, upcoming soonest first or past ones latest first, at most `limit`, each with its
 * counts. Two statements whatever the number of events or guests: the page of events, then
 * the counts of just those events.
 */
export function listHostEvents(db: Db, hostId: string, options: { when: "upcoming" | "past"; limit: number; now?: Date }): EventList {
  const now = options.now ?? new Date();
  const upcoming = options.when === "upcoming";
  const rows = db
    .select({ event: events, role: roleOf(hostId) })
    .from(events)
    .where(and(managedBy(hostId), upcoming ? gte(events.endsAt, now) : lt(events.endsAt, now)))
    .orderBy(upcoming ? asc(events.startsAt) : desc(events.startsAt))
    .limit(options.limit + 1)
    .all();
  const page = rows.slice(0, options.limit);
  if (page.length === 0) return { events: [], more: false };
  const counts = db
    .select({
      eventId: guests.eventId,
      guests: sql<number>`count(*)`,
      invited: sql<number>`count(${guests.lastInvitationId})`,
      yes: sql<number>`count(*) filter (where ${guests.answer} = 'yes')`,
      no: sql<number>`count(*) filter (where ${guests.answer} = 'no')`,
      maybe: sql<number>`count(*) filter (where ${guests.answer} = 'maybe')`,
      noAnswer: sql<number>`count(*) filter (where ${guests.answer} is null)`,
    })
    .from(guests)
    .where(inArray(guests.eventId, page.map((e) => e.event.id)))
    .groupBy(guests.eventId)
    .all();
  const byEvent = new Map(counts.map(({ eventId, ...c }) => [eventId, c]));
  return { events: page.map(({ event, role }) => ({ ...event, role, counts: byEvent.get(event.id) ?? NO_GUESTS })), more: rows.length > options.limit };
}
