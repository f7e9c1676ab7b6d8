import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * The relay's own database: its durable spool. Every accepted message is committed (and, with
 * synchronous=FULL, synced) before the relay answers 250, so a relay killed at any moment
 * loses nothing it accepted. State changes and the reports owed to the app are written in one
 * transaction, so a report is never lost either.
 */
export type RelayStore = ReturnType<typeof openRelayStore>;

/** kept: in the dev mailbox (no smart host). queued/deferred: waiting for the smart host. */
export type SpoolState = "kept" | "queued" | "deferred" | "relayed" | "bounced";
export type Outcome = "relayed" | "deferred" | "bounced";

export type StoredMessage = {
  id: number;
  receivedAt: number;
  mailFrom: string;
  rcptTo: string[];
  size: number;
  raw: Buffer;
  messageId: string | null;
  state: SpoolState;
  attempts: number;
  expiresAt: number;
};

export type PendingReport = { id: number; messageId: string; state: Outcome; detail: string; retryAt: number | null; at: number };

const SCHEMA_VERSION = 2;

function migrate(sqlite: Database.Database): void {
  const version = sqlite.pragma("user_version", { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  sqlite.transaction(() => {
    sqlite.exec(`
      CREATE TABLE IF NOT EXISTS message (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        received_at INTEGER NOT NULL,
        mail_from TEXT NOT NULL,
        rcpt_to TEXT NOT NULL,
        size INTEGER NOT NULL,
        raw BLOB NOT NULL
      );`);
    if (version < 2) {
      for (const column of [
        "message_id TEXT",
        "state TEXT NOT NULL DEFAULT 'kept'",
        "attempts INTEGER NOT NULL DEFAULT 0",
        "next_attempt_at INTEGER NOT NULL DEFAULT 0",
        "expires_at INTEGER NOT NULL DEFAULT 0",
        "last_response TEXT",
        "queue_id TEXT",
        "done_at INTEGER",
      ]) {
        sqlite.exec(`ALTER TABLE message ADD COLUMN ${column}`);
      }
      sqlite.exec(`
        CREATE UNIQUE INDEX message_message_id ON message (message_id);
        CREATE INDEX message_due ON message (state, next_attempt_at);
        CREATE TABLE attempt (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          message INTEGER NOT NULL REFERENCES message (id) ON DELETE CASCADE,
          started_at INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          response TEXT NOT NULL
        );
        CREATE INDEX attempt_message ON attempt (message);
        CREATE TABLE report (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          message_id TEXT NOT NULL,
          state TEXT NOT NULL,
          detail TEXT NOT NULL,
          retry_at INTEGER,
          at INTEGER NOT NULL
        );`);
    }
    sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** The Message-ID header of a raw message, unfolded, or null. */
export function headerMessageId(raw: Buffer): string | null {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end).toString("latin1");
  const match = /^message-id:[ \t]*((?:.|\r\n[ \t])*)$/im.exec(head);
  const value = match?.[1].replace(/\r\n[ \t]+/g, " ").trim();
  return value ? value.slice(0, 998) : null;
}

export function openRelayStore(path: string) {
  const file = path === ":memory:" ? path : resolve(path);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  migrate(sqlite);

  type Row = {
    id: number;
    received_at: number;
    mail_from: string;
    rcpt_to: string;
    size: number;
    raw: Buffer;
    message_id: string | null;
    state: SpoolState;
    attempts: number;
    expires_at: number;
  };
  const COLUMNS = "id, received_at, mail_from, rcpt_to, size, raw, message_id, state, attempts, expires_at";
  const toMessage = (r: Row): StoredMessage => ({
    id: r.id,
    receivedAt: r.received_at,
    mailFrom: r.mail_from,
    rcptTo: JSON.parse(r.rcpt_to) as string[],
    size: r.size,
    raw: r.raw,
    messageId: r.message_id,
    state: r.state,
    attempts: r.attempts,
    expiresAt: r.expires_at,
  });

  const insert = sqlite.prepare(
    `INSERT INTO message (received_at, mail_from, rcpt_to, size, raw, message_id, state, next_attempt_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
  );
  const byMessageId = sqlite.prepare("SELECT id FROM message WHERE message_id = ?");
  const list = sqlite.prepare(`SELECT ${COLUMNS} FROM message ORDER BY id DESC LIMIT ?`);
  const one = sqlite.prepare(`SELECT ${COLUMNS} FROM message WHERE id = ?`);
  const count = sqlite.prepare("SELECT count(*) AS n FROM message");
  const due = sqlite.prepare(
    `SELECT ${COLUMNS} FROM message WHERE state IN ('queued', 'deferred') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const nextDue = sqlite.prepare("SELECT min(next_attempt_at) AS at FROM message WHERE state IN ('queued', 'deferred')");
  const update = sqlite.prepare(
    `UPDATE message SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_response = ?, queue_id = coalesce(?, queue_id), done_at = ? WHERE id = ?`,
  );
  const addAttempt = sqlite.prepare("INSERT INTO attempt (message, started_at, outcome, response) VALUES (?, ?, ?, ?)");
  const addReport = sqlite.prepare("INSERT INTO report (message_id, state, detail, retry_at, at) VALUES (?, ?, ?, ?, ?)");
  const reports = sqlite.prepare("SELECT id, message_id, state, detail, retry_at, at FROM report ORDER BY id LIMIT ?");
  const purgeDone = sqlite.prepare("DELETE FROM message WHERE state IN ('relayed', 'bounced') AND done_at < ?");
  const stats = sqlite.prepare(
    `SELECT count(*) FILTER (WHERE state IN ('queued', 'deferred')) AS waiting,
            min(received_at) FILTER (WHERE state IN ('queued', 'deferred')) AS oldest,
            count(*) FILTER (WHERE state = 'relayed') AS relayed,
            count(*) FILTER (WHERE state = 'bounced') AS bounced,
            count(*) FILTER (WHERE state = 'kept') AS kept
     FROM message`,
  );
  const lastProblem = sqlite.prepare("SELECT started_at, outcome, response FROM attempt WHERE outcome <> 'relayed' ORDER BY id DESC LIMIT 1");
  const reportCount = sqlite.prepare("SELECT count(*) AS n FROM report");

  const report = (messageId: string | null, state: Outcome, detail: string, retryAt: number | null, at: number) => {
    if (messageId) addReport.run(messageId, state, detail, retryAt, at);
  };

  const acceptTx = sqlite.transaction(
    (mailFrom: string, rcptTo: string[], raw: Buffer, forward: boolean, lifetimeMs: number, now: number): { id: number; duplicate: boolean } => {
      const messageId = headerMessageId(raw);
      const result = insert.run(now, mailFrom, JSON.stringify(rcptTo), raw.length, raw, messageId, forward ? "queued" : "kept", now, now + lifetimeMs);
      if (result.changes === 0) return { id: (byMessageId.get(messageId) as { id: number }).id, duplicate: true };
      const id = Number(result.lastInsertRowid);
      if (!forward) report(messageId, "relayed", "Kept in the dev mailbox: no SMART_HOST is configured", null, now);
      return { id, duplicate: false };
    },
  );

  const recordTx = sqlite.transaction(
    (message: StoredMessage, outcome: Outcome, response: string, startedAt: number, retryAt: number | null, queueId: string | null, now: number) => {
      const state: SpoolState = outcome;
      update.run(state, retryAt ?? now, response, queueId, outcome === "deferred" ? null : now, message.id);
      addAttempt.run(message.id, startedAt, outcome, response);
      report(message.messageId, outcome, response, retryAt, now);
    },
  );

  return {
    /**
     * Stores a message; a second copy with the same Message-ID is recognised and not stored,
     * so a sender that retries a hand-over never makes a guest get the mail twice.
     */
    acceptMessage(mailFrom: string, rcptTo: string[], raw: Buffer, options: { forward?: boolean; lifetimeMs?: number; now?: number } = {}) {
      return acceptTx(mailFrom, rcptTo, raw, options.forward ?? false, options.lifetimeMs ?? 5 * 24 * 3_600_000, options.now ?? Date.now());
    },
    accept(mailFrom: string, rcptTo: string[], raw: Buffer, now = Date.now()): number {
      return acceptTx(mailFrom, rcptTo, raw, false, 5 * 24 * 3_600_000, now).id;
    },
    newest(limit: number): StoredMessage[] {
      return (list.all(limit) as Row[]).map(toMessage);
    },
    get(id: number): StoredMessage | null {
      const row = one.get(id) as Row | undefined;
      return row ? toMessage(row) : null;
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
    /** Messages waiting for the smart host whose time has come. */
    due(now: number, limit: number): StoredMessage[] {
      return (due.all(now, limit) as Row[]).map(toMessage);
    },
    nextDueAt(): number | null {
      return (nextDue.get() as { at: number | null }).at;
    },
    /** One attempt's outcome, its log entry and the report owed to the app, together. */
    recordAttempt(message: StoredMessage, outcome: Outcome, response: string, startedAt: number, retryAt: number | null, queueId: string | null = null, now = Date.now()) {
      recordTx(message, outcome, response, startedAt, retryAt, queueId, now);
    },
    attempts(messageId: number): { startedAt: number; outcome: Outcome; response: string }[] {
      return sqlite
        .prepare("SELECT started_at AS startedAt, outcome, response FROM attempt WHERE message = ? ORDER BY id")
        .all(messageId) as { startedAt: number; outcome: Outcome; response: string }[];
    },
    pendingReports(limit: number): PendingReport[] {
      return (reports.all(limit) as { id: number; message_id: string; state: Outcome; detail: string; retry_at: number | null; at: number }[]).map((r) => ({
        id: r.id,
        messageId: r.message_id,
        state: r.state,
        detail: r.detail,
        retryAt: r.retry_at,
        at: r.at,
      }));
    },
    /** Reports up to and including `lastId` reached the app. */
    reportsDelivered(lastId: number): void {
      sqlite.prepare("DELETE FROM report WHERE id <= ?").run(lastId);
    },
    /** Forgets finished messages after a while; the dev mailbox (kept) is left alone. */
    purgeFinished(olderThan: number): number {
      return purgeDone.run(olderThan).changes;
    },
    status() {
      const s = stats.get() as { waiting: number; oldest: number | null; relayed: number; bounced: number; kept: number };
      const problem = lastProblem.get() as { started_at: number; outcome: Outcome; response: string } | undefined;
      return {
        ...s,
        pendingReports: (reportCount.get() as { n: number }).n,
        lastError: problem ? { at: problem.started_at, outcome: problem.outcome, response: problem.response } : null,
      };
    },
    close(): void {
      sqlite.close();
    },
  };
}
