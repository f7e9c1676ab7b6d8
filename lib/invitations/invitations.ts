import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, outbox } from "@/db/schema";
import { managedBy } from "@/lib/events/access";
import { findHostGuest } from "@/lib/guests/guests";
import { enqueueMail } from "@/lib/mail/outbox";

/** Guests of the event that "Send invites" would invite now. */
export function uninvitedGuestCount(db: Db, eventId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(guests)
      .where(and(eq(guests.eventId, eventId), isNull(guests.lastInvitationId), isNull(guests.unsubscribedAt)))
      .get()?.n ?? 0
  );
}

/**
 * Queues an invitation for every guest of the event not yet invited and not unsubscribed, in one transaction
 * with the guests' pointers to it. Returns how many were queued, or null when the event is
 * an event this user hosts or co-hosts.
 */
export function sendInvites(db: Db, hostId: string, eventId: string): number | null {
  return db.transaction((tx) => {
    const event = tx.select({ id: events.id, cancelledAt: events.cancelledAt }).from(events).where(and(eq(events.id, eventId), managedBy(hostId))).get();
    if (!event) return null;
    if (event.cancelledAt) return 0;
    const pending = and(eq(guests.eventId, eventId), isNull(guests.lastInvitationId), isNull(guests.unsubscribedAt));
    const now = new Date();
    // Two set-based statements whatever the guest count: one outbox row per guest, then each
    // guest points at its row.
    const queued = tx.run(sql`
      insert into outbox (kind, to_address, event_id, guest_id, payload, state, attempts, next_attempt_at, created_at, updated_at)
      select 'invitation', ${guests.email}, ${guests.eventId}, ${guests.id}, '{}', 'queued', 0, ${now.getTime()}, ${now.getTime()}, ${now.getTime()}
      from ${guests} where ${pending}`).changes;
    if (queued > 0) {
      const latest = sql`(select max(${outbox.id}) from ${outbox} where ${outbox.guestId} = ${guests.id} and ${outbox.kind} = 'invitation')`;
      tx.update(guests).set({ lastInvitationId: latest }).where(pending).run();
    }
    return queued;
  });
}

/** Queues an invitation to one guest and makes it the one their row follows. */
export function queueInvitation(tx: Pick<Db, "insert" | "update" | "select">, guest: { id: string; email: string }, eventId: string): number {
  const invitationId = enqueueMail(tx, { kind: "invitation", toAddress: guest.email, eventId, guestId: guest.id });
  tx.update(guests).set({ lastInvitationId: invitationId }).where(eq(guests.id, guest.id)).run();
  return invitationId;
}

export type ResendOutcome = "queued" | "unsubscribed" | "not_found";

/** Queues one guest's invitation again, unless they asked for no more mail about the event. */
export function resendInvite(db: Db, hostId: string, eventId: string, guestId: string): ResendOutcome {
  return db.transaction((tx) => {
    const guest = findHostGuest(tx, hostId, eventId, guestId);
    if (!guest) return "not_found";
    if (guest.unsubscribedAt) return "unsubscribed";
    queueInvitation(tx, guest, eventId);
    return "queued";
  });
}
