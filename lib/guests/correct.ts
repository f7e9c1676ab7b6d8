import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { guests, outbox } from "@/db/schema";
import { queueInvitation } from "@/lib/invitations/invitations";
import { findHostGuest } from "./guests";
import { newGuestToken } from "@/lib/tokens";
import { addressField, emailProblem, normalizeEmail } from "./parse";

/** The "Fix address" form on a guest's row. */
export const guestEmailFormSchema = z.object({
  email: addressField,
});

export type CorrectEmailResult = { invited: boolean } | { error: string } | null;

/**
 * Replaces a guest's address: a new personal link (the old one stops working), the
 * unsubscribe cleared (it came from the old address), and, when the guest had been invited,
 * a new invitation to the new address. Mail still waiting for the old address is not sent,
 * since it would carry the new link there. Null: no such guest on this host's event.
 */
export function correctGuestEmail(db: Db, hostId: string, eventId: string, guestId: string, newEmail: string): CorrectEmailResult {
  const email = newEmail.trim();
  return db.transaction((tx) => {
    const guest = findHostGuest(tx, hostId, eventId, guestId);
    if (!guest) return null;
    if (!email) return { error: "Enter an email address" };
    const problem = emailProblem(email);
    if (problem) return { error: problem };
    if (email === guest.email) return { error: "That is already this guest's address" };
    const emailKey = normalizeEmail(email);
    const taken = tx
      .select({ id: guests.id })
      .from(guests)
      .where(and(eq(guests.eventId, eventId), eq(guests.emailKey, emailKey), ne(guests.id, guest.id)))
      .get();
    if (taken) return { error: `${email} is already on the guest list` };

    tx.update(guests).set({ email, emailKey, token: newGuestToken(), unsubscribedAt: null }).where(eq(guests.id, guest.id)).run();
    tx.update(outbox)
      .set({ state: "failed", lastError: "Not sent: the guest's address was corrected", updatedAt: new Date() })
      .where(and(eq(outbox.guestId, guest.id), eq(outbox.state, "queued"), ne(outbox.kind, "host_notification")))
      .run();
    if (guest.lastInvitationId === null) return { invited: false };
    queueInvitation(tx, { id: guest.id, email }, eventId);
    return { invited: true };
  });
}
