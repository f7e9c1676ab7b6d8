import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";

type Tx = Pick<Db, "select" | "update" | "insert">;

/** People who hold a place: every confirmed Yes with their plus-ones (waitlisted ones hold none). */
export const peopleInPlaceSql = sql<number>`coalesce(sum(case when ${guests.answer} = 'yes' and ${guests.waitlistedAt} is null then 1 + ${guests.plusOnes} else 0 end), 0)`;

/** People holding a place at the event, leaving one guest out (the one whose answer is being changed). */
export function peopleComing(tx: Tx, eventId: string, exceptGuestId?: string): number {
  const where = exceptGuestId ? and(eq(guests.eventId, eventId), ne(guests.id, exceptGuestId)) : eq(guests.eventId, eventId);
  return tx.select({ n: peopleInPlaceSql }).from(guests).where(where).get()?.n ?? 0;
}

/** Whether a party of `people` fits next to the others; an event without a capacity always has room. */
export const fits = (capacity: number | null, others: number, people: number) => capacity === null || others + people <= capacity;

/**
 * Fills free places from the waitlist, first come first served: the guest who has waited
 * longest is promoted when their whole party fits, and told by email; the queue stops at the
 * first party that does not fit, so nobody is overtaken. Runs inside the caller's transaction
 * after whatever freed places (an answer changed, a guest removed, the capacity raised).
 */
export function promoteFromWaitlist(tx: Tx, eventId: string, now = new Date()): number {
  const event = tx.select({ capacity: events.capacity, cancelledAt: events.cancelledAt }).from(events).where(eq(events.id, eventId)).get();
  if (!event || event.cancelledAt) return 0;
  const waiting = tx
    .select({ id: guests.id, email: guests.email, plusOnes: guests.plusOnes, unsubscribedAt: guests.unsubscribedAt })
    .from(guests)
    .where(and(eq(guests.eventId, eventId), eq(guests.answer, "yes"), isNotNull(guests.waitlistedAt)))
    .orderBy(asc(guests.waitlistedAt), asc(guests.id))
    .all();
  let coming = peopleComing(tx, eventId);
  let promoted = 0;
  for (const guest of waiting) {
    if (!fits(event.capacity, coming, 1 + guest.plusOnes)) break;
    coming += 1 + guest.plusOnes;
    // Being told of one's own place is the guest's own business, as a confirmation is: it goes even after an unsubscribe.
    const noticeId = enqueueMail(tx, { kind: "waitlist_promotion", toAddress: guest.email, eventId, guestId: guest.id });
    tx.update(guests).set({ waitlistedAt: null, lastNoticeId: noticeId }).where(eq(guests.id, guest.id)).run();
    promoted++;
  }
  return promoted;
}

/** Whether anyone (besides this guest) waits for a place: then a new Yes queues behind them. */
export function someoneWaiting(tx: Tx, eventId: string, exceptGuestId: string): boolean {
  return (
    tx
      .select({ id: guests.id })
      .from(guests)
      .where(and(eq(guests.eventId, eventId), ne(guests.id, exceptGuestId), eq(guests.answer, "yes"), isNotNull(guests.waitlistedAt)))
      .limit(1)
      .get() !== undefined
  );
}
