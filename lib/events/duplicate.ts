import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, type Event } from "@/db/schema";
import { newGuestToken } from "@/lib/tokens";
import { managedBy } from "./access";
import { LIMITS } from "./schema";

const COPY_SUFFIX = " (copy)";

/** "Dinner" → "Dinner (copy)", shortened first if the result would pass the title limit. */
export function copyTitle(title: string): string {
  const room = LIMITS.title - COPY_SUFFIX.length;
  // Never cut an emoji or other astral character in half.
  const kept = title.length > room ? title.slice(0, room).replace(/[\uD800-\uDBFF]$/, "").trimEnd() : title;
  return `${kept}${COPY_SUFFIX}`;
}

// Statements stay well under SQLite's limit of bound values per statement.
const INSERT_BATCH = 500;

/**
 * A new event for whoever duplicates it, with the same details and settings, and the same guests
 * (names and addresses) with new personal links: no answers, notes, invitations or delivery
 * state, so nobody hears of it until the host sends the invites. A cancelled event's copy is
 * not cancelled. A guest who unsubscribed from the original stays unsubscribed: they asked
 * not to be emailed about this event, and a copy is the same event again.
 * A co-host may duplicate too: the copy is theirs, with no co-hosts, since the host chose
 * whom to share the original with, not its copies.
 * One transaction; null when the user neither hosts nor co-hosts the event.
 */
export function duplicateEvent(db: Db, hostId: string, eventId: string, now = new Date()): { event: Event; guests: number } | null {
  return db.transaction((tx) => {
    const source = tx.select().from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get();
    if (!source) return null;
    const copy = tx
      .insert(events)
      .values({
        hostId,
        title: copyTitle(source.title),
        description: source.description,
        timeZone: source.timeZone,
        startsAt: source.startsAt,
        endsAt: source.endsAt,
        locationAddress: source.locationAddress,
        locationUrl: source.locationUrl,
        rsvpDeadline: source.rsvpDeadline,
        notifyHostOnAnswer: source.notifyHostOnAnswer,
        confirmToGuest: source.confirmToGuest,
        remindUnansweredHours: source.remindUnansweredHours,
        remindAttendeesHours: source.remindAttendeesHours,
        capacity: source.capacity,
        plusOnesLimit: source.plusOnesLimit,
        guestListVisibility: source.guestListVisibility,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const list = tx
      .select({ name: guests.name, email: guests.email, emailKey: guests.emailKey, unsubscribedAt: guests.unsubscribedAt, createdAt: guests.createdAt })
      .from(guests)
      .where(eq(guests.eventId, eventId))
      .orderBy(asc(guests.createdAt), asc(guests.name))
      .all();
    for (let i = 0; i < list.length; i += INSERT_BATCH) {
      // The original's added-at times keep the list in the order the host built it.
      tx.insert(guests)
        .values(list.slice(i, i + INSERT_BATCH).map((g) => ({ ...g, eventId: copy.id, token: newGuestToken() })))
        .run();
    }
    return { event: copy, guests: list.length };
  });
}
