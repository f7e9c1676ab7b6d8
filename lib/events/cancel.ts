import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { events, guests, outbox } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";
import { managedBy } from "./access";

export const CANCEL_MESSAGE_LIMIT = 2_000;

export const cancelFormSchema = z.object({
  message: z
    .string()
    .max(CANCEL_MESSAGE_LIMIT, `The message must be at most ${CANCEL_MESSAGE_LIMIT} characters`)
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "The message contains characters that are not allowed")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .default(""),
});

/** Guests who hear about a cancellation: those who were invited and did not unsubscribe. */
const toldOfCancellation = (eventId: string) => and(eq(guests.eventId, eventId), isNotNull(guests.lastInvitationId), isNull(guests.unsubscribedAt));

export function guestsToTellOfCancellation(db: Db, eventId: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(guests).where(toldOfCancellation(eventId)).get()?.n ?? 0;
}

/**
 * Cancels the event in one transaction: marks it, raises its calendar SEQUENCE, stops
 * invitations still waiting to go, and queues a cancellation (with a calendar cancel) to every
 * invited guest. Returns how many are told; null when the user neither hosts nor co-hosts it.
 */
export function cancelEvent(db: Db, hostId: string, eventId: string, message: string, now = new Date()): number | null {
  return db.transaction((tx) => {
    const event = tx.select({ id: events.id, cancelledAt: events.cancelledAt }).from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get();
    if (!event) return null;
    if (event.cancelledAt) return 0;
    tx.update(events)
      .set({ cancelledAt: now, cancelMessage: message, updatedAt: now, sequence: sql`${events.sequence} + 1` })
      .where(eq(events.id, eventId))
      .run();
    tx.update(outbox)
      .set({ state: "failed", lastError: "Not sent: the event was cancelled", updatedAt: now })
      .where(and(eq(outbox.eventId, eventId), eq(outbox.state, "queued"), inArray(outbox.kind, ["invitation", "rsvp_confirmation"])))
      .run();
    const told = tx.select({ id: guests.id, email: guests.email }).from(guests).where(toldOfCancellation(eventId)).all();
    for (const guest of told) {
      const noticeId = enqueueMail(tx, { kind: "cancellation", toAddress: guest.email, eventId, guestId: guest.id });
      // The guest's row follows the cancellation's delivery, as it does a change notice's.
      tx.update(guests).set({ lastNoticeId: noticeId }).where(eq(guests.id, guest.id)).run();
    }
    return told.length;
  });
}
