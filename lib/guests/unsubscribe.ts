import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, outbox } from "@/db/schema";
import { looksLikeGuestToken } from "@/lib/tokens";

/** What the unsubscribe page may show: the event's title and nothing about the guest. */
export type UnsubscribeTarget = { eventTitle: string; unsubscribedAt: Date | null };

/** The path of a guest's unsubscribe link, the capability being their personal token. */
export const unsubscribePath = (token: string) => `/u/${token}`;

function findTarget(db: Pick<Db, "select">, token: string) {
  if (!looksLikeGuestToken(token)) return null;
  return (
    db
      .select({ guestId: guests.id, eventTitle: events.title, unsubscribedAt: guests.unsubscribedAt })
      .from(guests)
      .innerJoin(events, eq(events.id, guests.eventId))
      .where(eq(guests.token, token))
      .get() ?? null
  );
}

/** Reads only: mail scanners open links, so looking must never unsubscribe. */
export function findUnsubscribeTarget(db: Db, token: string): UnsubscribeTarget | null {
  const found = findTarget(db, token);
  return found ? { eventTitle: found.eventTitle, unsubscribedAt: found.unsubscribedAt } : null;
}

/**
 * Stops invitations (and future reminders) to this guest for this event, including any still
 * waiting in the outbox. Confirmations of the guest's own answers still go. Saying it twice
 * keeps the first date. Null for an unknown or revoked link.
 */
export function unsubscribeGuest(db: Db, token: string, now = new Date()): UnsubscribeTarget | null {
  return db.transaction((tx) => {
    const found = findTarget(tx, token);
    if (!found) return null;
    if (found.unsubscribedAt) return { eventTitle: found.eventTitle, unsubscribedAt: found.unsubscribedAt };
    tx.update(guests).set({ unsubscribedAt: now }).where(and(eq(guests.id, found.guestId), isNull(guests.unsubscribedAt))).run();
    // A claimed ("sending") message is already on its way; one still queued is not sent.
    tx.update(outbox)
      .set({ state: "failed", lastError: "Not sent: the guest unsubscribed", updatedAt: now })
      .where(and(eq(outbox.guestId, found.guestId), eq(outbox.kind, "invitation"), eq(outbox.state, "queued")))
      .run();
    return { eventTitle: found.eventTitle, unsubscribedAt: now };
  });
}
