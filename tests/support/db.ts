import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { users, type Event } from "@/db/schema";
import { createEvent } from "@/lib/events/events";
import { eventFormSchema, type EventInput } from "@/lib/events/schema";
import { addGuests } from "@/lib/guests/guests";
import { parseGuestList } from "@/lib/guests/parse";

export type TestDb = { db: Db; dir: string; close(): void };

/** A migrated database in its own temporary directory, as the app would open it. */
export function openTestDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), "fastinviter-test-"));
  const db = openDatabase(join(dir, "app.db"));
  migrateDatabase(db);
  return {
    db,
    dir,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function addHost(db: Db, email: string, name: string | null = null): string {
  return db.insert(users).values({ email, name }).returning({ id: users.id }).get().id;
}

/** The form a host would submit, with overrides; parsed by the real schema. */
export function eventInput(overrides: Record<string, string> = {}): EventInput {
  return eventFormSchema.parse({
    title: "Winter solstice dinner",
    description: "Potluck.",
    timeZone: "Europe/Paris",
    startsAt: "2026-12-21T19:00",
    endsAt: "2026-12-21T23:00",
    locationAddress: "12 Rue des Lilas, Paris",
    locationUrl: "",
    rsvpDeadline: "",
    notifyHostOnAnswer: "on",
    confirmToGuest: "on",
    ...overrides,
  });
}

export function addEvent(db: Db, hostId: string, overrides: Record<string, string> = {}): Event {
  return createEvent(db, hostId, eventInput(overrides));
}

/** Adds guests from a pasted list and fails loudly if any were refused. */
export function addGuestList(db: Db, hostId: string, eventId: string, paste: string): void {
  const result = addGuests(db, hostId, eventId, parseGuestList(paste));
  if (!result || result.rejected.length > 0) throw new Error(`guests not added: ${JSON.stringify(result)}`);
}
