import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cohosts, events, users, type Event } from "@/db/schema";

/** The host created the event and alone may delete it or change its co-hosts; a co-host manages everything else. */
export type EventRole = "host" | "cohost";

// The user's row under its own name, so that the subquery never reads the host's row of a
// query that joins `user` (Drizzle's alias() is for query builders, not for sql``).
const viewer = sql.identifier("viewer");
const viewerColumn = (column: typeof users.email | typeof users.id) => sql`${viewer}.${sql.identifier(column.name)}`;

/**
 * SQL condition on `events`: this user may manage the event, because they host it or because
 * their address is on its co-host list. The address is read from the user's own row rather
 * than passed in, so an id and an address that do not belong together cannot be combined:
 * Auth.js stores the address lower-cased, as `email_key` is. Written as `id in (…)` so that
 * SQLite answers each side of the `or` from an index (host_id, the co-hosts' email_key).
 */
export function managedBy(userId: string): SQL {
  const coHosted = sql`${events.id} in (select ${cohosts.eventId} from ${cohosts} where ${cohosts.emailKey} = (select lower(${viewerColumn(users.email)}) from ${users} ${viewer} where ${viewerColumn(users.id)} = ${userId}))`;
  return or(eq(events.hostId, userId), coHosted)!;
}

/** The user's role as a column of a query on `events` (only meaningful where `managedBy` holds). */
export function roleOf(userId: string): SQL<EventRole> {
  return sql<EventRole>`case when ${events.hostId} = ${userId} then 'host' else 'cohost' end`;
}

/** What this user may do with the event: host it, co-host it, or nothing (it reads as missing). */
export function eventRole(db: Pick<Db, "select">, userId: string, eventId: string): EventRole | null {
  return db.select({ role: roleOf(userId) }).from(events).where(and(eq(events.id, eventId), managedBy(userId))).get()?.role ?? null;
}

export type ManagedEvent = { event: Event; role: EventRole; host: { name: string | null; email: string | null } };

/**
 * The event with the user's role and its host's name, in one statement, for pages a co-host
 * shares with the host ("You co-host this event with Grace"). Null: the user may not manage it.
 */
export function findManagedEvent(db: Pick<Db, "select">, userId: string, eventId: string): ManagedEvent | null {
  return (
    db
      .select({ event: events, role: roleOf(userId), host: { name: users.name, email: users.email } })
      .from(events)
      .innerJoin(users, eq(users.id, events.hostId))
      .where(and(eq(events.id, eventId), managedBy(userId)))
      .get() ?? null
  );
}
