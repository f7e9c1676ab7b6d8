import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox, type OutboxKind, type OutboxRow } from "@/db/schema";

/** A transaction or the database: enqueueing always happens inside the caller's transaction. */
type Writer = Pick<Db, "insert" | "update" | "select">;

export type NewMail = {
  kind: OutboxKind;
  toAddress: string;
  eventId?: string | null;
  guestId?: string | null;
  payload?: Record<string, unknown>;
};

export function enqueueMail(tx: Writer, mail: NewMail): number {
  const row = tx
    .insert(outbox)
    .values({
      kind: mail.kind,
      toAddress: mail.toAddress,
      eventId: mail.eventId ?? null,
      guestId: mail.guestId ?? null,
      payload: mail.payload ?? {},
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

/** A claim older than this belonged to a process that died mid-send: take it over. */
export const STALE_CLAIM_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 8;

/**
 * Atomically takes up to `limit` due messages for this drain. SQLite serialises writers, so
 * two drains (an `after()` kick and the timer) never take the same row.
 */
export function claimDueMail(db: Db, limit: number, now = new Date()): OutboxRow[] {
  return db.transaction(
    (tx) => {
      const ids = new Set<number>();
      const take = (rows: { id: number }[]) => rows.forEach((r) => ids.size < limit && ids.add(r.id));
      const due = and(eq(outbox.state, "queued"), lte(outbox.nextAttemptAt, now));
      // Three index-ordered reads rather than one sorted scan of the whole queue. Sign-in
      // links first: a host is waiting for one, and must not wait behind a bulk send.
      take(tx.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.kind, "signin"), due)).limit(limit).all());
      if (ids.size < limit) take(tx.select({ id: outbox.id }).from(outbox).where(due).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit).all());
      if (ids.size < limit) {
        const stale = and(eq(outbox.state, "sending"), lte(outbox.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)));
        take(tx.select({ id: outbox.id }).from(outbox).where(stale).limit(limit).all());
      }
      if (ids.size === 0) return [];
      return tx
        .update(outbox)
        .set({ state: "sending", claimedAt: now, attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
        .where(inArray(outbox.id, [...ids]))
        .returning()
        .all();
    },
    // Immediate: take the write lock before reading, so a drain in another process waits for
    // it instead of failing half-way with SQLITE_BUSY.
    { behavior: "immediate" },
  );
}

/**
 * At start-up: mail this process's predecessor had claimed but not finished goes back in the
 * queue at once instead of waiting out the stale-claim delay. Should another instance still be
 * sending one of them, the relay recognises the repeated Message-ID and keeps one copy.
 */
export function releaseClaims(db: Db, now = new Date()): number {
  return db.update(outbox).set({ state: "queued", claimedAt: null, updatedAt: now }).where(eq(outbox.state, "sending")).run().changes;
}

export function markSent(db: Db, row: OutboxRow, messageId: string, now = new Date()): void {
  // The sign-in link is a credential: once handed over, it has no business in our database.
  const payload = row.kind === "signin" ? {} : row.payload;
  db.update(outbox)
    .set({ state: "sent", messageId, sentAt: now, lastError: null, claimedAt: null, payload, updatedAt: now })
    .where(eq(outbox.id, row.id))
    .run();
}

/** Backoff between attempts to reach the relay: 5 s, 10 s, 20 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

export function markFailed(db: Db, row: OutboxRow, error: string, permanent: boolean, now = new Date()): void {
  const giveUp = permanent || row.attempts >= MAX_ATTEMPTS;
  db.update(outbox)
    .set({
      state: giveUp ? "failed" : "queued",
      lastError: error.slice(0, 500),
      claimedAt: null,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
      updatedAt: now,
    })
    .where(eq(outbox.id, row.id))
    .run();
}

export function pendingMailCount(db: Db): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(inArray(outbox.state, ["queued", "sending"]))
    .get();
  return row?.n ?? 0;
}
