import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { resolve } from "node:path";
import type { Db } from "./client";

// npm scripts, tests and the launcher all run from the project root.
export const migrationsFolder = resolve("db/migrations");

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}
