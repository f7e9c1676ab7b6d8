import Database from "better-sqlite3";

export const STORAGE_MESSAGE = "The server could not save this: its storage is full or read-only. Nothing was changed. Please try again later.";
export const BUSY_MESSAGE = "The server is very busy and could not save this in time. Nothing was changed. Please try again.";

/**
 * The user's words for a database that cannot take writes. Transactions roll back whole, so
 * when this is shown nothing was half-written. Null: not a storage failure (rethrow it).
 */
export function storageProblem(error: unknown): string | null {
  // Drizzle wraps the driver's error; look down the chain of causes.
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (!(e instanceof Database.SqliteError)) continue;
    if (/^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|CORRUPT|NOTADB)/.test(e.code)) return STORAGE_MESSAGE;
    if (/^SQLITE_(BUSY|LOCKED)/.test(e.code)) return BUSY_MESSAGE;
  }
  return null;
}

/** Runs a write; a storage failure comes back as a message instead of an error page. */
export function tryWrite<T>(work: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    const message = storageProblem(error);
    if (message === null) throw error;
    console.error(`storage: a write failed: ${(error as Error).message}`);
    return { ok: false, message };
  }
}
