import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { events, guests, RSVP_ANSWERS, users, type Event, type Guest, type RsvpAnswer } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";
import { PLUS_ONES_MAX } from "@/lib/events/schema";
import { looksLikeGuestToken } from "@/lib/tokens";
import { fits, peopleComing, peopleInPlaceSql, promoteFromWaitlist, someoneWaiting } from "./capacity";

export const NOTE_LIMIT = 1_000;

export const rsvpFormSchema = z.object({
  answer: z.enum(RSVP_ANSWERS, { message: "Choose Yes, No or Maybe" }),
  note: z
    .string()
    .max(NOTE_LIMIT, `The note must be at most ${NOTE_LIMIT} characters`)
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "The note contains characters that are not allowed")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .default(""),
  /** People the guest brings; the event's own limit is checked when the answer is recorded. */
  plusOnes: z.coerce.number({ message: "Choose how many people you bring" }).int().min(0).max(PLUS_ONES_MAX).default(0),
});
export type RsvpInput = z.output<typeof rsvpFormSchema>;

export type Invitation = {
  guest: Pick<Guest, "id" | "name" | "email" | "answer" | "note" | "answeredAt" | "token" | "reconfirmRequestedAt" | "plusOnes" | "waitlistedAt">;
  event: Event;
  /** People holding a place at the event now (confirmed Yes guests and their plus-ones). */
  peopleComing: number;
  /** Guests waiting for a place. */
  peopleWaiting: number;
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
        plusOnes: guests.plusOnes,
        waitlistedAt: guests.waitlistedAt,
      },
      // Only when the event has a capacity does the page need these: no second statement otherwise.
      peopleComing: sql<number>`case when ${events.capacity} is null then 0 else (select ${peopleInPlaceSql} from ${guests} where ${guests.eventId} = ${events.id}) end`,
      peopleWaiting: sql<number>`case when ${events.capacity} is null then 0 else (select count(*) from ${guests} where ${guests.eventId} = ${events.id} and ${guests.answer} = 'yes' and ${guests.waitlistedAt} is not null) end`,
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

export type RsvpOutcome = "recorded" | "waitlisted" | "closed" | "not_found" | "too_many_plus_ones" | "no_room_for_party";

/**
 * Records (or changes) a guest's answer and, in the same transaction, queues the guest's
 * confirmation and the host's notification as the event asks. With a capacity, a Yes that
 * does not fit joins the waitlist (keeping its place if it was already on it), and places freed
 * by this answer go to the waitlist at once. A guest who holds a place and asks for more
 * plus-ones than there is room for is told so rather than losing their place.
 */
export function recordRsvp(db: Db, token: string, input: Pick<RsvpInput, "answer" | "note"> & { plusOnes?: number }, now = new Date()): RsvpOutcome {
  return db.transaction((tx) => {
    const invitation = findInvitation(tx as unknown as Db, token);
    if (!invitation) return "not_found";
    const { guest, event, host } = invitation;
    if (answersClosed(event, now)) return "closed";
    const plusOnes = input.answer === "no" ? 0 : (input.plusOnes ?? 0);
    if (plusOnes > event.plusOnesLimit) return "too_many_plus_ones";
    const holdsPlace = guest.answer === "yes" && guest.waitlistedAt === null;
    let waitlistedAt: Date | null = null;
    if (input.answer === "yes" && event.capacity !== null) {
      const room = fits(event.capacity, peopleComing(tx, event.id, guest.id), 1 + plusOnes);
      // Only a party that grows can be refused: a guest keeps the place they hold, even if the
      // host has since lowered the capacity below the headcount.
      if (holdsPlace && !room && plusOnes > guest.plusOnes) return "no_room_for_party";
      // Someone already waiting goes first: a new Yes queues behind them even if it would fit.
      if (!holdsPlace && (!room || guest.waitlistedAt !== null || someoneWaiting(tx, event.id, guest.id))) waitlistedAt = guest.waitlistedAt ?? now;
    }
    tx.update(guests)
      .set({ answer: input.answer, note: input.note, plusOnes, waitlistedAt, answeredAt: now, reconfirmRequestedAt: null })
      .where(eq(guests.id, guest.id))
      .run();
    promoteFromWaitlist(tx, event.id, now);
    // Read back: a guest who shrank their party may have just been promoted from their own place in the queue.
    const waitlisted = waitlistedAt !== null && tx.select({ at: guests.waitlistedAt }).from(guests).where(eq(guests.id, guest.id)).get()?.at != null;
    const payload = { answer: input.answer, note: input.note, plusOnes, waitlisted, previousAnswer: guest.answer satisfies RsvpAnswer | null };
    // A new note with the same answer is news for the host, not a new confirmation.
    if (event.confirmToGuest && (guest.answer !== input.answer || (guest.waitlistedAt !== null) !== waitlisted)) {
      enqueueMail(tx, { kind: "rsvp_confirmation", toAddress: guest.email, eventId: event.id, guestId: guest.id, payload });
    }
    if (event.notifyHostOnAnswer && host.email) {
      enqueueMail(tx, { kind: "host_notification", toAddress: host.email, eventId: event.id, guestId: guest.id, payload });
    }
    return waitlisted ? "waitlisted" : "recorded";
  });
}
