import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { events, guests, RSVP_ANSWERS, users, type Event, type Guest, type RsvpAnswer } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";
import { looksLikeGuestToken } from "@/lib/tokens";

export const NOTE_LIMIT = 1_000;

export const rsvpFormSchema = z.object({
  answer: z.enum(RSVP_ANSWERS, { message: "Choose Yes, No or Maybe" }),
  note: z
    .string()
    .max(NOTE_LIMIT, `The note must be at most ${NOTE_LIMIT} characters`)
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "The note contains characters that are not allowed")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .default(""),
});
export type RsvpInput = z.output<typeof rsvpFormSchema>;

export type Invitation = {
  guest: Pick<Guest, "id" | "name" | "email" | "answer" | "note" | "answeredAt" | "token" | "reconfirmRequestedAt">;
  event: Event;
  host: { name: string | null; email: string | null };
};

/** The guest, event and host behind a personal link, or null for an unknown or revoked link. */
export function findInvitation(db: Db, token: string): Invitation | null {
  if (!looksLikeGuestToken(token)) return null;
  const row = db
    .select({
      guest: {
        id: guests.id,
        name: guests.name,
        email: guests.email,
        answer: guests.answer,
        note: guests.note,
        answeredAt: guests.answeredAt,
        token: guests.token,
        reconfirmRequestedAt: guests.reconfirmRequestedAt,
      },
      event: events,
      host: { name: users.name, email: users.email },
    })
    .from(guests)
    .innerJoin(events, eq(events.id, guests.eventId))
    .innerJoin(users, eq(users.id, events.hostId))
    .where(eq(guests.token, token))
    .get();
  return row ?? null;
}

export function answersClosed(event: Pick<Event, "rsvpDeadline" | "cancelledAt">, now = new Date()): boolean {
  return event.cancelledAt !== null || (event.rsvpDeadline !== null && event.rsvpDeadline.getTime() < now.getTime());
}

export type RsvpOutcome = "recorded" | "closed" | "not_found";

/**
 * Records (or changes) a guest's answer and, in the same transaction, queues the guest's
 * confirmation and the host's notification as the event asks.
 */
export function recordRsvp(db: Db, token: string, input: RsvpInput, now = new Date()): RsvpOutcome {
  return db.transaction((tx) => {
    const invitation = findInvitation(tx as unknown as Db, token);
    if (!invitation) return "not_found";
    const { guest, event, host } = invitation;
    if (answersClosed(event, now)) return "closed";
    tx.update(guests).set({ answer: input.answer, note: input.note, answeredAt: now, reconfirmRequestedAt: null }).where(eq(guests.id, guest.id)).run();
    const payload = { answer: input.answer, note: input.note, previousAnswer: guest.answer satisfies RsvpAnswer | null };
    // A new note with the same answer is news for the host, not a new confirmation.
    if (event.confirmToGuest && guest.answer !== input.answer) {
      enqueueMail(tx, { kind: "rsvp_confirmation", toAddress: guest.email, eventId: event.id, guestId: guest.id, payload });
    }
    if (event.notifyHostOnAnswer && host.email) {
      enqueueMail(tx, { kind: "host_notification", toAddress: host.email, eventId: event.id, guestId: guest.id, payload });
    }
    return "recorded";
  });
}
