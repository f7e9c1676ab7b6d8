import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cohosts, events, outbox, users, type Cohost } from "@/db/schema";
import { addressField, emailProblem, normalizeEmail } from "@/lib/guests/parse";
import { enqueueMail } from "@/lib/mail/outbox";

/** Enough for a committee; a cap also bounds the invitations one host can send this way. */
export const COHOST_LIMIT = 20;

/** The "Add a co-host" form: one address, judged by the same rules as a guest's. */
export const cohostFormSchema = z.object({
  email: addressField,
});

/** The event's co-hosts in the order they were added. */
export function listCohosts(db: Pick<Db, "select">, eventId: string): Cohost[] {
  return db.select().from(cohosts).where(eq(cohosts.eventId, eventId)).orderBy(asc(cohosts.addedAt), asc(cohosts.emailKey)).all();
}

/** The event's host's own row, when `hostId` is its host: only the host changes the co-hosts. */
function hostedEvent(db: Pick<Db, "select">, hostId: string, eventId: string) {
  return (
    db
      .select({ id: events.id, hostEmail: users.email })
      .from(events)
      .innerJoin(users, eq(users.id, events.hostId))
      .where(and(eq(events.id, eventId), eq(events.hostId, hostId)))
      .get() ?? null
  );
}

export type AddCohostResult = { added: string } | { error: string } | null;

/**
 * Adds a co-host by address and queues their invitation in the same transaction. Null when
 * the user is not the event's host (a co-host cannot add others: sharing is the host's call).
 */
export function addCohost(db: Db, hostId: string, eventId: string, address: string, now = new Date()): AddCohostResult {
  const email = address.trim();
  return db.transaction((tx) => {
    const event = hostedEvent(tx, hostId, eventId);
    if (!event) return null;
    const problem = email ? emailProblem(email) : "Enter an email address";
    if (problem) return { error: problem };
    const emailKey = normalizeEmail(email);
    if (event.hostEmail && normalizeEmail(event.hostEmail) === emailKey) return { error: "That is your own address: you already host this event." };
    const current = tx.select({ emailKey: cohosts.emailKey }).from(cohosts).where(eq(cohosts.eventId, eventId)).all();
    if (current.some((c) => c.emailKey === emailKey)) return { error: `${email} is already a co-host of this event.` };
    if (current.length >= COHOST_LIMIT) return { error: `An event can have at most ${COHOST_LIMIT} co-hosts.` };
    tx.insert(cohosts).values({ eventId, email, emailKey, addedAt: now }).run();
    enqueueMail(tx, { kind: "cohost_invitation", toAddress: email, eventId, payload: { emailKey } });
    return { added: email };
  });
}

/**
 * Takes a co-host off the event: from their next request they see it as not found. Their
 * invitation, if still waiting to go, is not sent. False when not found for this host.
 */
export function removeCohost(db: Db, hostId: string, eventId: string, emailKey: string, now = new Date()): boolean {
  return db.transaction((tx) => {
    if (!hostedEvent(tx, hostId, eventId)) return false;
    const removed = tx.delete(cohosts).where(and(eq(cohosts.eventId, eventId), eq(cohosts.emailKey, emailKey))).run().changes === 1;
    if (removed) {
      tx.update(outbox)
        .set({ state: "failed", lastError: "Not sent: the co-host was removed", updatedAt: now })
        .where(and(eq(outbox.eventId, eventId), eq(outbox.kind, "cohost_invitation"), eq(outbox.state, "queued"), sql`json_extract(${outbox.payload}, '$.emailKey') = ${emailKey}`))
        .run();
    }
    return removed;
  });
}

/** The co-host an invitation is about, if they still are one (read when the email is written). */
export function findCohost(db: Pick<Db, "select">, eventId: string, emailKey: string): Cohost | null {
  return db.select().from(cohosts).where(and(eq(cohosts.eventId, eventId), eq(cohosts.emailKey, emailKey))).get() ?? null;
}
