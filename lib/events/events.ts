import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, type Event } from "@/db/schema";
import type { EventInput } from "./schema";

function eventColumns(input: EventInput) {
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
  };
}

export function createEvent(db: Db, hostId: string, input: EventInput): Event {
  return db.insert(events).values({ hostId, ...eventColumns(input) }).returning().get();
}

/** Returns false when the event does not exist or belongs to another host. */
export function updateEvent(db: Db, hostId: string, eventId: string, input: EventInput): boolean {
  const result = db
    .update(events)
    .set({ ...eventColumns(input), updatedAt: new Date(), sequence: sql`${events.sequence} + 1` })
    .where(and(eq(events.id, eventId), eq(events.hostId, hostId)))
    .run();
  return result.changes === 1;
}

export function deleteEvent(db: Db, hostId: string, eventId: string): boolean {
  return db.delete(events).where(and(eq(events.id, eventId), eq(events.hostId, hostId))).run().changes === 1;
}

/** The event if this host owns it; another host's event reads as missing. */
export function findHostEvent(db: Db, hostId: string, eventId: string): Event | null {
  return db.select().from(events).where(and(eq(events.id, eventId), eq(events.hostId, hostId))).get() ?? null;
}

export type GuestCounts = { guests: number; invited: number; yes: number; no: number; maybe: number; noAnswer: number };
export type EventSummary = Event & { counts: GuestCounts };

/** The dashboard: every event of the host with its counts, in one query, soonest first. */
export function listHostEvents(db: Db, hostId: string): EventSummary[] {
  const rows = db
    .select({
      event: events,
      guests: sql<number>`count(${guests.id})`,
      invited: sql<number>`count(${guests.lastInvitationId})`,
      yes: sql<number>`count(*) filter (where ${guests.answer} = 'yes')`,
      no: sql<number>`count(*) filter (where ${guests.answer} = 'no')`,
      maybe: sql<number>`count(*) filter (where ${guests.answer} = 'maybe')`,
      noAnswer: sql<number>`count(${guests.id}) filter (where ${guests.answer} is null)`,
    })
    .from(events)
    .leftJoin(guests, eq(guests.eventId, events.id))
    .where(eq(events.hostId, hostId))
    .groupBy(events.id)
    .orderBy(asc(events.startsAt))
    .all();
  return rows.map(({ event, ...counts }) => ({ ...event, counts }));
}
