import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, type Event } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";
import { promoteFromWaitlist } from "@/lib/rsvp/capacity";
import { reminderDue } from "@/lib/reminders/reminders";
import type { EventInput } from "./schema";
import { managedBy } from "./access";
import { eventColumns } from "./events";
import { formatRange, instantToWallTime } from "./time";

/** One line of a what-changed email: what, as it was, as it is now. */
export type EventChange = { what: "When" | "Where" | "Online link"; from: string; to: string };

type Placed = Pick<Event, "startsAt" | "endsAt" | "timeZone" | "locationAddress" | "locationUrl">;

const when = (e: Placed) => `${formatRange(e.startsAt, e.endsAt, e.timeZone)} (${e.timeZone.replaceAll("_", " ")})`;
const orNone = (value: string) => value || "(none)";

/** The changes guests should hear about: the time and the place. A new title or description is not news. */
export function describeChanges(before: Placed, after: Placed): EventChange[] {
  const changes: EventChange[] = [];
  if (before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime() || before.timeZone !== after.timeZone) {
    changes.push({ what: "When", from: when(before), to: when(after) });
  }
  if (before.locationAddress !== after.locationAddress) changes.push({ what: "Where", from: orNone(before.locationAddress), to: orNone(after.locationAddress) });
  if (before.locationUrl !== after.locationUrl) changes.push({ what: "Online link", from: orNone(before.locationUrl), to: orNone(after.locationUrl) });
  return changes;
}

/** The event now starts on another day (in its own zone): a Yes given for the old day may no longer hold. */
export function startDayChanged(before: Pick<Event, "startsAt" | "timeZone">, after: Pick<Event, "startsAt" | "timeZone">): boolean {
  return instantToWallTime(before.startsAt, before.timeZone).slice(0, 10) !== instantToWallTime(after.startsAt, after.timeZone).slice(0, 10);
}

/** Guests who hear about a change: those who were invited and did not unsubscribe. */
const toldOfChanges = (eventId: string) => and(eq(guests.eventId, eventId), isNotNull(guests.lastInvitationId), isNull(guests.unsubscribedAt));

export type ChangePreview = { changes: EventChange[]; guests: number; yes: number; reconfirm: boolean };

/**
 * What saving `input` would tell guests, for the host to see before saving: the changes, how
 * many guests hear of them and how many of those said yes. Null when the user neither hosts nor co-hosts it.
 */
export function previewChanges(db: Db, hostId: string, eventId: string, input: EventInput): ChangePreview | null {
  const event = db.select().from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get();
  if (!event) return null;
  const changes = event.cancelledAt ? [] : describeChanges(event, input);
  const counts = db
    .select({ n: sql<number>`count(*)`, yes: sql<number>`coalesce(sum(${guests.answer} = 'yes'), 0)` })
    .from(guests)
    .where(toldOfChanges(eventId))
    .get() ?? { n: 0, yes: 0 };
  return { changes, guests: counts.n, yes: counts.yes, reconfirm: counts.yes > 0 && startDayChanged(event, input) };
}

/**
 * A reminder already sent for the old date is not one for the new: when the target (start or
 * deadline) or the chosen hours change and the new reminder time is still ahead, the guests'
 * marks for that reminder are cleared so it goes again at its new time.
 */
function rearmReminders(tx: Pick<Db, "update">, eventId: string, before: Event, after: EventInput, now: Date): void {
  const next = { ...before, ...after, id: eventId };
  const moved = {
    unanswered: before.rsvpDeadline?.getTime() !== after.rsvpDeadline?.getTime() || before.remindUnansweredHours !== after.remindUnansweredHours,
    attendee: before.startsAt.getTime() !== after.startsAt.getTime() || before.remindAttendeesHours !== after.remindAttendeesHours,
  };
  for (const kind of ["unanswered", "attendee"] as const) {
    const due = reminderDue(next, kind);
    if (!moved[kind] || !due || due.at <= now) continue;
    const mark = kind === "unanswered" ? { unansweredRemindedAt: null } : { attendeeRemindedAt: null };
    tx.update(guests).set(mark).where(eq(guests.eventId, eventId)).run();
  }
}

/**
 * Saves the event (raising its calendar SEQUENCE) and, when the host chose to notify, queues in
 * the same transaction a what-changed email to every guest who hears of changes. When the start
 * moved to another day, guests who said yes are asked to confirm again. Returns how many guests
 * are told; null when the user neither hosts nor co-hosts it.
 */
export function saveEvent(db: Db, hostId: string, eventId: string, input: EventInput, notify: boolean, now = new Date()): { told: number } | null {
  return db.transaction((tx) => {
    const before = tx.select().from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get();
    if (!before) return null;
    tx.update(events)
      .set({ ...eventColumns(input), updatedAt: now, sequence: sql`${events.sequence} + 1` })
      .where(eq(events.id, eventId))
      .run();
    // A larger capacity (or none) opens places to the waitlist.
    promoteFromWaitlist(tx, eventId, now);
    rearmReminders(tx, eventId, before, input, now);
    const changes = describeChanges(before, input);
    if (!notify || changes.length === 0 || before.cancelledAt) return { told: 0 };
    const dayChanged = startDayChanged(before, input);
    const told = tx.select({ id: guests.id, email: guests.email, answer: guests.answer }).from(guests).where(toldOfChanges(eventId)).all();
    for (const guest of told) {
      const reconfirm = dayChanged && guest.answer === "yes";
      const noticeId = enqueueMail(tx, { kind: "event_change", toAddress: guest.email, eventId, guestId: guest.id, payload: { changes, reconfirm } });
      tx.update(guests)
        .set({ lastNoticeId: noticeId, ...(reconfirm ? { reconfirmRequestedAt: now } : {}) })
        .where(eq(guests.id, guest.id))
        .run();
    }
    return { told: told.length };
  });
}
