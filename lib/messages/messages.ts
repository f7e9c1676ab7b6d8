import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { guests, outbox, type Guest } from "@/db/schema";
import { findHostEvent } from "@/lib/events/events";
import { oneLine } from "@/lib/events/schema";
import { LIMITS, takeRateLimit } from "@/lib/rate-limit";
import { AUDIENCE_LABELS, AUDIENCES, MESSAGE_LIMITS, type Audience, type MessageFormState } from "./audience";

export { AUDIENCES, AUDIENCE_LABELS, MESSAGE_LIMITS, type Audience, type MessageFormState };

export const messageFormSchema = z.object({
  audience: z.enum(AUDIENCES, { message: "Choose who gets the message" }),
  subject: oneLine("The subject", MESSAGE_LIMITS.subject).pipe(z.string().min(1, "Give the message a subject")),
  body: z
    .string()
    .max(MESSAGE_LIMITS.body, `The message must be at most ${MESSAGE_LIMITS.body.toLocaleString("en")} characters`)
    // Tabs and line breaks are text; other control characters and bidi overrides only ever disguise it.
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(v), "The message contains characters that are not allowed")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "Write the message")),
});
export type MessageInput = z.output<typeof messageFormSchema>;

/**
 * Invited guests who still take mail about the event (an unsubscribed guest gets nothing more
 * about it) and are in the audience.
 */
function recipients(eventId: string, audience: Audience): SQL {
  const invited = and(eq(guests.eventId, eventId), isNotNull(guests.lastInvitationId), isNull(guests.unsubscribedAt));
  if (audience === "all") return invited!;
  if (audience === "unanswered") return and(invited, isNull(guests.answer))!;
  // "Said yes" means coming: a Yes still waiting for a place is not sent what the coming are told.
  if (audience === "yes") return and(invited, eq(guests.answer, "yes"), isNull(guests.waitlistedAt))!;
  return and(invited, eq(guests.answer, audience))!;
}

type AudienceRow = Pick<Guest, "answer" | "unsubscribedAt" | "waitlistedAt"> & { invited: boolean };

/**
 * How many each audience would reach, from rows the page already has (the same rule as
 * `recipients`, which a test holds them to).
 */
export function audienceCounts(rows: AudienceRow[]): Record<Audience, number> {
  const counts: Record<Audience, number> = { all: 0, yes: 0, maybe: 0, unanswered: 0 };
  for (const g of rows) {
    if (!g.invited || g.unsubscribedAt) continue;
    counts.all++;
    if (g.answer === null) counts.unanswered++;
    else if (g.answer === "maybe" || (g.answer === "yes" && !g.waitlistedAt)) counts[g.answer]++;
  }
  return counts;
}

/** How many guests this audience would reach now, by the query that sends. */
export function audienceSize(db: Db, eventId: string, audience: Audience): number {
  return db.select({ n: sql<number>`count(*)` }).from(guests).where(recipients(eventId, audience)).get()?.n ?? 0;
}

export type MessageOutcome =
  | { sent: number }
  | { refused: "cancelled" | "nobody" }
  | { refused: "rate_limited"; retryAfterMs: number };

/**
 * Queues the host's message to every guest in the audience, in one transaction: an outbox row
 * per guest (set-based, so 5,000 guests cost two statements) and each guest's row pointed at
 * theirs. The rate limit is counted in the same transaction, so only a message that goes out
 * uses it up. Null: not this host's event.
 */
export function sendGuestMessage(db: Db, hostId: string, eventId: string, input: MessageInput, now = new Date()): MessageOutcome | null {
  return db.transaction(
    (tx) => {
      const event = findHostEvent(tx as unknown as Db, hostId, eventId);
      if (!event) return null;
      if (event.cancelledAt) return { refused: "cancelled" };
      const who = recipients(eventId, input.audience);
      if (audienceSize(tx as unknown as Db, eventId, input.audience) === 0) return { refused: "nobody" };
      const budget = takeRateLimit(tx as unknown as Db, `messages:${hostId}`, LIMITS.messagesPerHostHour, 1, now.getTime());
      if (!budget.allowed) return { refused: "rate_limited", retryAfterMs: budget.retryAfterMs };
      const payload = JSON.stringify({ subject: input.subject, body: input.body });
      const at = now.getTime();
      const sent = tx.run(sql`
        insert into outbox (kind, to_address, event_id, guest_id, payload, state, attempts, next_attempt_at, created_at, updated_at)
        select 'message', ${guests.email}, ${guests.eventId}, ${guests.id}, ${payload}, 'queued', 0, ${at}, ${at}, ${at}
        from ${guests} where ${who}`).changes;
      // The guest's row follows this message's delivery, as it does a reminder's.
      const latest = sql`(select max(${outbox.id}) from ${outbox} where ${outbox.guestId} = ${guests.id} and ${outbox.kind} = 'message')`;
      tx.update(guests).set({ lastNoticeId: latest }).where(who).run();
      return { sent };
    },
    // Immediate: the count, the limit and the insert see the same guests, whatever another process writes.
    { behavior: "immediate" },
  );
}
