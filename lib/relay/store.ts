import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * The relay's own database: every accepted message, written and synced before the relay
 * answers 250. Without a smart host the messages stay here as the dev mailbox.
 */
export type RelayStore = ReturnType<typeof openRelayStore>;

export type StoredMessage = {
  id: number;
  receivedAt: number;
  mailFrom: string;
  rcptTo: string[];
  size: number;
  raw: Buffer;
};

export function openRelayStore(path: string) {
  const file = path === ":memory:" ? path : resolve(path);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: the commit is on disk before we say 250, so a killed relay loses nothing it accepted.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS message (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      received_at INTEGER NOT NULL,
      mail_from TEXT NOT NULL,
      rcpt_to TEXT NOT NULL,
      size INTEGER NOT NULL,
      raw BLOB NOT NULL
    );
  `);
  const insert = sqlite.prepare("INSERT INTO message (received_at, mail_from, rcpt_to, size, raw) VALUES (?, ?, ?, ?, ?)");
  const list = sqlite.prepare("SELECT id, received_at, mail_from, rcpt_to, size, raw FROM message ORDER BY id DESC LIMIT ?");
  const one = sqlite.prepare("SELECT id, received_at, mail_from, rcpt_to, size, raw FROM message WHERE id = ?");
  const count = sqlite.prepare("SELECT count(*) AS n FROM message");

  type Row = { id: number; received_at: number; mail_from: string; rcpt_to: string; size: number; raw: Buffer };
  const toMessage = (r: Row): StoredMessage => ({
    id: r.id,
    receivedAt: r.received_at,
    mailFrom: r.mail_from,
    rcptTo: JSON.parse(r.rcpt_to) as string[],
    size: r.size,
    raw: r.raw,
  });

  return {
    accept(mailFrom: string, rcptTo: string[], raw: Buffer, now = Date.now()): number {
      return Number(insert.run(now, mailFrom, JSON.stringify(rcptTo), raw.length, raw).lastInsertRowid);
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
    close(): void {
      sqlite.close();
    },
  };
}
