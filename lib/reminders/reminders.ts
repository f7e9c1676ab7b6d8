import { and, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, outbox, type Event } from "@/db/schema";
import { inQuietHours, LONGEST_QUIET_SHIFT_MS, reminderTime } from "./schedule";

export type ReminderKind = "unanswered" | "attendee";

type Scheduled = Pick<Event, "id" | "timeZone" | "startsAt" | "rsvpDeadline" | "remindUnansweredHours" | "remindAttendeesHours">;

/** When the event's reminder of this kind goes out, or null when it has none. */
export function reminderDue(event: Scheduled, kind: ReminderKind): { at: Date; before: Date } | null {
  const target = kind === "unanswered" ? event.rsvpDeadline : event.startsAt;
  const hours = kind === "unanswered" ? event.remindUnansweredHours : event.remindAttendeesHours;
  if (!target || hours === null) return null;
  return { at: reminderTime(target, hours, event.timeZone), before: target };
}

/**
 * Who a reminder of this kind goes to: invited, still subscribed, not yet reminded, and… A
 * guest who only qualified after the reminder's time (invited later, or answered later) has
 * just had the invitation or the confirmation: a reminder on its heels would be noise.
 */
function recipients(eventId: string, kind: ReminderKind, dueAt: Date): SQL {
  const common = and(eq(guests.eventId, eventId), isNotNull(guests.lastInvitationId), isNull(guests.unsubscribedAt));
  const invitedBefore = sql`exists (select 1 from ${outbox} where ${outbox.id} = ${guests.lastInvitationId} and ${outbox.createdAt} <= ${dueAt.getTime()})`;
  return kind === "unanswered"
    ? // …not answered: a guest who answers stops getting answer reminders.
      and(common, isNull(guests.answer), isNull(guests.unansweredRemindedAt), invitedBefore)!
    : // …coming (not waiting for a place), or perhaps, since before the reminder's time.
      and(
        common,
        inArray(guests.answer, ["yes", "maybe"]),
        isNull(guests.waitlistedAt),
        isNull(guests.attendeeRemindedAt),
        lte(guests.answeredAt, dueAt),
      )!;
}

/** How many guests the event's reminder of this kind would go to if it went now: the host's preview. */
export function reminderAudience(db: Db, eventId: string, kind: ReminderKind, dueAt: Date): number {
  return db.select({ n: sql<number>`count(*)` }).from(guests).where(recipients(eventId, kind, dueAt)).get()?.n ?? 0;
}

/**
 * Queues one event's reminder of this kind to everyone it is for, in one transaction with the
 * guests' marks: two set-based statements and the pointer update, whatever the guest count.
 * A guest is marked as reminded in the same transaction, so a reminder goes once, restarts or not.
 */
function queueReminder(db: Db, eventId: string, kind: ReminderKind, dueAt: Date, now: Date): number {
  return db.transaction((tx) => {
    const who = recipients(eventId, kind, dueAt);
    const payload = JSON.stringify({ reminder: kind });
    const queued = tx.run(sql`
      insert into outbox (kind, to_address, event_id, guest_id, payload, state, attempts, next_attempt_at, created_at, updated_at)
      select 'reminder', ${guests.email}, ${guests.eventId}, ${guests.id}, ${payload}, 'queued', 0, ${now.getTime()}, ${now.getTime()}, ${now.getTime()}
      from ${guests} where ${who}`).changes;
    if (queued > 0) {
      const latest = sql`(select max(${outbox.id}) from ${outbox} where ${outbox.guestId} = ${guests.id} and ${outbox.kind} = 'reminder')`;
      const mark = kind === "unanswered" ? { unansweredRemindedAt: now } : { attendeeRemindedAt: now };
      tx.update(guests)
        .set({ ...mark, lastNoticeId: latest })
        .where(who)
        .run();
    }
    return queued;
  });
}

/**
 * The reminders' timer: finds every reminder due by now and queues it. Only the events whose
 * reminder can be due (within the longest quiet-hours shift of now, target still ahead, not
 * cancelled) are read; their exact times are worked out here, and only due ones touch guests.
 * Nothing is remembered between runs, so a restart never skips or doubles a reminder.
 */
export function queueDueReminders(db: Db, now = new Date()): number {
  const horizon = now.getTime() + LONGEST_QUIET_SHIFT_MS;
  const candidates = db
    .select({
      id: events.id,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      rsvpDeadline: events.rsvpDeadline,
      remindUnansweredHours: events.remindUnansweredHours,
      remindAttendeesHours: events.remindAttendeesHours,
    })
    .from(events)
    .where(
      and(
        isNull(events.cancelledAt),
        or(
          and(isNotNull(events.remindAttendeesHours), gt(events.startsAt, now), lte(sql`${events.startsAt} - ${events.remindAttendeesHours} * 3600000`, horizon)),
          and(isNotNull(events.remindUnansweredHours), gt(events.rsvpDeadline, now), lte(sql`${events.rsvpDeadline} - ${events.remindUnansweredHours} * 3600000`, horizon)),
        ),
      ),
    )
    .all();
  let queued = 0;
  for (const event of candidates) {
    for (const kind of ["unanswered", "attendee"] as const) {
      const due = reminderDue(event, kind);
      // Quiet hours hold the sending too, not only the due time: a guest who qualifies at night waits for the morning.
      if (due && due.at <= now && now < due.before && !inQuietHours(now, event.timeZone)) queued += queueReminder(db, event.id, kind, due.at, now);
    }
  }
  return queued;
}
