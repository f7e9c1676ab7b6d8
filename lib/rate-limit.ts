import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type Limit = { limit: number; windowMs: number };

/** The limits users meet; each names what a person is doing when they hit it. */
export const LIMITS = {
  signInPerAddress: { limit: 5, windowMs: 15 * 60_000 },
  /** The limit is the SIGNIN_LIMIT_PER_IP setting (default 20). */
  signInPerIp: { limit: 20, windowMs: 15 * 60_000 },
  rsvpPerToken: { limit: 20, windowMs: 60 * 60_000 },
  invitesPerHostHour: { limit: 5_000, windowMs: 60 * 60_000 },
  // A message can go to every guest at once: a few an hour is plenty for a host, and bounds spam.
  messagesPerHostHour: { limit: 10, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

export type RateDecision = { allowed: boolean; retryAfterMs: number };

/**
 * Counts `cost` hits against `key` in the current window (one upsert) and says whether they
 * fit. A refused hit is not counted, so a blocked client cannot extend its own wait.
 */
export function takeRateLimit(db: Db, key: string, { limit, windowMs }: Limit, cost = 1, now = Date.now()): RateDecision {
  const windowStart = now - (now % windowMs);
  const retryAfterMs = windowStart + windowMs - now;
  if (cost > limit) return { allowed: false, retryAfterMs };
  const row = db
    .insert(rateLimits)
    .values({ key, windowStart, hits: cost })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + ${cost}` },
      setWhere: sql`${rateLimits.hits} + ${cost} <= ${limit}`,
    })
    .returning({ hits: rateLimits.hits })
    .get();
  return row ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs };
}

/** Old windows are worth nothing; the outbox timer sweeps them now and then. */
export function forgetOldRateWindows(db: Db, now = Date.now()): number {
  return db.delete(rateLimits).where(lt(rateLimits.windowStart, now - 24 * 3_600_000)).run().changes;
}

export function waitPhrase(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}
