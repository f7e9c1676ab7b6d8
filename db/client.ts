import Database from "better-sqlite3";
import type { Logger } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, "");
  return path === ":memory:" ? path : resolve(path);
}

/** Opens a connection set up for a web app sharing the file with other processes. */
export function openDatabase(url: string, options: { logger?: Logger } = {}): Db {
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return drizzle(sqlite, { schema, logger: options.logger }) as Db;
}

// One client per process, kept on globalThis so dev-mode module reloads reuse it.
const globalForDb = globalThis as unknown as { fastinviterDb?: Db };

export function getDb(): Db {
  if (!globalForDb.fastinviterDb) {
    globalForDb.fastinviterDb = openDatabase(process.env.DATABASE_URL || "data/fastinviter.db");
  }
  return globalForDb.fastinviterDb;
}

/** Tests and tools point the process at another database. */
export function setDb(db: Db | undefined): void {
  globalForDb.fastinviterDb = db;
}
