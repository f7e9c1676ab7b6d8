import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { guests } from "@/db/schema";
import { addGuests } from "@/lib/guests/guests";
import { parseGuestList } from "@/lib/guests/parse";
import { sendInvites } from "@/lib/invitations/invitations";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "@/db/schema";
import { STORAGE_MESSAGE, storageProblem, tryWrite } from "./storage-errors";

let t: TestDb;
let readOnly: Db;
beforeEach(() => {
  t = openTestDb();
});
afterEach(() => {
  readOnly?.$client.close();
  t.close();
});

function openReadOnly(): Db {
  const sqlite = new Database(join(t.dir, "app.db"), { readonly: true });
  return drizzle(sqlite, { schema }) as Db;
}

describe("a database that cannot take writes", () => {
  it("gives the user a clear message and writes nothing", () => {
    const host = addHost(t.db, "host@example.org");
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "ada@example.org");
    readOnly = openReadOnly();

    const paste = tryWrite(() => addGuests(readOnly, host, event.id, parseGuestList("b@example.org\nc@example.org")));
    expect(paste).toEqual({ ok: false, message: STORAGE_MESSAGE });
    const invite = tryWrite(() => sendInvites(readOnly, host, event.id));
    expect(invite).toEqual({ ok: false, message: STORAGE_MESSAGE });

    const rows = t.db.select().from(guests).all();
    expect(rows.map((g) => [g.email, g.lastInvitationId])).toEqual([["ada@example.org", null]]);
  });

  it("explains a full disk and a database that stays busy the same way, wherever the driver's error sits", () => {
    const full = new Database.SqliteError("database or disk is full", "SQLITE_FULL");
    expect(storageProblem(full)).toBe(STORAGE_MESSAGE);
    expect(storageProblem(new Error("Failed to run the query", { cause: full }))).toBe(STORAGE_MESSAGE);
    expect(storageProblem(new Database.SqliteError("disk I/O error", "SQLITE_IOERR_WRITE"))).toBe(STORAGE_MESSAGE);
    expect(storageProblem(new Database.SqliteError("database is locked", "SQLITE_BUSY"))).toMatch(/very busy/);
    expect(storageProblem(new Database.SqliteError("UNIQUE constraint failed", "SQLITE_CONSTRAINT_UNIQUE"))).toBeNull();
  });

  it("lets every other error through", () => {
    expect(storageProblem(new Error("boom"))).toBeNull();
    expect(() => tryWrite(() => {
      throw new TypeError("a bug");
    })).toThrow("a bug");
    expect(tryWrite(() => 42)).toEqual({ ok: true, value: 42 });
  });
});
