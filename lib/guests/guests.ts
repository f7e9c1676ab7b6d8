import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import { events, guests, outbox, type Guest, type OutboxKind } from "@/db/schema";
import { managedBy } from "@/lib/events/access";
import { promoteFromWaitlist } from "@/lib/rsvp/capacity";
import { newGuestToken } from "@/lib/tokens";
import { deliveryStage, type DeliveryStage } from "./delivery";
import { GUEST_LIMITS, normalizeEmail, type ParsedGuestList, type RejectedEntry } from "./parse";

export type AddGuestsResult = { added: number; rejected: RejectedEntry[] } | null;

/** The host and the co-hosts manage the guest list alike. */
function ownsEvent(db: Pick<Db, "select">, hostId: string, eventId: string): boolean {
  return !!db.select({ id: events.id }).from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get();
}

/**
 * Adds parsed guests to the event. Valid entries are saved together; each refused entry comes
 * back with its reason. Null: not this host's event.
 */
export function addGuests(db: Db, hostId: string, eventId: string, parsed: ParsedGuestList): AddGuestsResult {
  return db.transaction((tx) => {
    if (!ownsEvent(tx, hostId, eventId)) return null;
    const existing = new Set(
      tx.select({ key: guests.emailKey }).from(guests).where(eq(guests.eventId, eventId)).all().map((g) => g.key),
    );
    const rejected = [...parsed.rejected];
    let room = GUEST_LIMITS.perEvent - existing.size;
    let added = 0;
    for (const guest of parsed.guests) {
      const key = normalizeEmail(guest.email);
      if (existing.has(key)) {
        rejected.push({ line: guest.line, text: guest.email, reason: "already on the guest list" });
      } else if (room <= 0) {
        rejected.push({ line: guest.line, text: guest.email, reason: `the event already has the maximum of ${GUEST_LIMITS.perEvent.toLocaleString("en")} guests` });
      } else {
        tx.insert(guests).values({ eventId, name: guest.name, email: guest.email.trim(), emailKey: key, token: newGuestToken() }).run();
        existing.add(key);
        room -= 1;
        added += 1;
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    return { added, rejected };
  });
}

/** A guest of an event this user hosts or co-hosts, or null: anyone else's guest reads as missing. */
export function findHostGuest(db: Pick<Db, "select">, hostId: string, eventId: string, guestId: string) {
  return (
    db
      .select({ id: guests.id, email: guests.email, unsubscribedAt: guests.unsubscribedAt, lastInvitationId: guests.lastInvitationId })
      .from(guests)
      .innerJoin(events, eq(events.id, guests.eventId))
      .where(and(eq(guests.id, guestId), eq(guests.eventId, eventId), managedBy(hostId)))
      .get() ?? null
  );
}

/** Deletes the guest, which revokes their link; false when not found for this host. */
export function removeGuest(db: Db, hostId: string, eventId: string, guestId: string): boolean {
  return db.transaction((tx) => {
    if (!ownsEvent(tx, hostId, eventId)) return false;
    const removed = tx.delete(guests).where(and(eq(guests.id, guestId), eq(guests.eventId, eventId))).run().changes === 1;
    // A removed Yes frees their place (and their plus-ones') for the waitlist.
    if (removed) promoteFromWaitlist(tx, eventId);
    return removed;
  });
}

export type GuestRow = Pick<Guest, "id" | "name" | "email" | "answer" | "note" | "answeredAt" | "unsubscribedAt" | "reconfirmRequestedAt" | "unansweredRemindedAt" | "attendeeRemindedAt" | "plusOnes" | "waitlistedAt"> & {
  stage: DeliveryStage;
  /** Why it failed, was deferred or bounced, or the provider's answer. */
  deliveryDetail: string | null;
  deliveryRetryAt: Date | null;
  invitedAt: Date | null;
  /** The latest other email about the event (a change, a reminder, a cancellation) and where it is. */
  notice: { kind: OutboxKind; stage: DeliveryStage; at: Date } | null;
};

const notices = alias(outbox, "notice");

/** Every guest of an event with where their latest invitation is, in one query. */
export function listGuests(db: Db, eventId: string): GuestRow[] {
  const rows = db
    .select({
      id: guests.id,
      name: guests.name,
      email: guests.email,
      answer: guests.answer,
      note: guests.note,
      answeredAt: guests.answeredAt,
      unsubscribedAt: guests.unsubscribedAt,
      reconfirmRequestedAt: guests.reconfirmRequestedAt,
      unansweredRemindedAt: guests.unansweredRemindedAt,
      attendeeRemindedAt: guests.attendeeRemindedAt,
      plusOnes: guests.plusOnes,
      waitlistedAt: guests.waitlistedAt,
      noticeKind: notices.kind,
      noticeState: notices.state,
      noticeError: notices.lastError,
      noticeDelivery: notices.delivery,
      noticeAt: notices.createdAt,
      state: outbox.state,
      lastError: outbox.lastError,
      delivery: outbox.delivery,
      deliveryDetail: outbox.deliveryDetail,
      deliveryRetryAt: outbox.deliveryRetryAt,
      invitedAt: outbox.createdAt,
    })
    .from(guests)
    .leftJoin(outbox, eq(outbox.id, guests.lastInvitationId))
    .leftJoin(notices, eq(notices.id, guests.lastNoticeId))
    .where(eq(guests.eventId, eventId))
    .orderBy(asc(guests.createdAt), asc(guests.name))
    .all();
  return rows.map(({ state, lastError, delivery, deliveryDetail, noticeKind, noticeState, noticeError, noticeDelivery, noticeAt, ...guest }) => {
    const stage = deliveryStage({ state, lastError, delivery });
    const detail = stage === "retrying" || stage === "failed" ? lastError : deliveryDetail;
    const notice = noticeKind && noticeAt ? { kind: noticeKind, stage: deliveryStage({ state: noticeState, lastError: noticeError, delivery: noticeDelivery }), at: noticeAt } : null;
    return { ...guest, stage, deliveryDetail: detail, notice };
  });
}
