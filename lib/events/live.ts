import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, guests, outbox } from "@/db/schema";

/**
 * A short fingerprint of everything on an event's page that changes by itself: guests added
 * or removed, answers, unsubscribes and every outbox or delivery change. Two indexed reads.
 */
export function eventStamp(db: Db, eventId: string): string {
  const g = db
    .select({
      n: sql<number>`count(*)`,
      answered: sql<number | null>`max(${guests.answeredAt})`,
      unsubscribed: sql<number | null>`max(${guests.unsubscribedAt})`,
      invitations: sql<number | null>`sum(${guests.lastInvitationId})`,
    })
    .from(guests)
    .where(eq(guests.eventId, eventId))
    .get();
  const o = db
    .select({ changed: sql<number | null>`max(${outbox.updatedAt})` })
    .from(outbox)
    .where(eq(outbox.eventId, eventId))
    .get();
  const e = db.select({ updated: events.updatedAt }).from(events).where(eq(events.id, eventId)).get();
  return [g?.n, g?.answered, g?.unsubscribed, g?.invitations, o?.changed, e?.updated?.getTime()].map((v) => v ?? 0).join(".");
}
