import { simpleParser } from "mailparser";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { openRelayStore, type RelayStore } from "./store";

export type MailboxEntry = { id: number; to: string; subject: string; receivedAt: Date };
export type MailboxMessage = MailboxEntry & {
  from: string;
  html: string | null;
  text: string;
  raw: string;
  attachments: { filename: string; contentType: string; size: number }[];
};

const globalForMailbox = globalThis as unknown as { fastinviterMailbox?: { path: string; store: RelayStore } };

function store(path: string): RelayStore | null {
  const file = resolve(path);
  const cached = globalForMailbox.fastinviterMailbox;
  if (cached?.path === file) return cached.store;
  if (!existsSync(file)) return null;
  const opened = openRelayStore(file);
  globalForMailbox.fastinviterMailbox = { path: file, store: opened };
  return opened;
}

/** The newest messages the relay kept, for /dev/mailbox. */
export async function listMailbox(path: string, limit = 100): Promise<MailboxEntry[]> {
  const messages = store(path)?.newest(limit) ?? [];
  return Promise.all(
    messages.map(async (m) => {
      const parsed = await simpleParser(m.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
      return { id: m.id, to: m.rcptTo.join(", "), subject: parsed.subject ?? "(no subject)", receivedAt: new Date(m.receivedAt) };
    }),
  );
}

export async function readMailboxMessage(path: string, id: number): Promise<MailboxMessage | null> {
  const message = store(path)?.get(id);
  if (!message) return null;
  const parsed = await simpleParser(message.raw, { skipTextToHtml: true, skipImageLinks: true });
  return {
    id: message.id,
    to: message.rcptTo.join(", "),
    from: parsed.from?.text ?? message.mailFrom,
    subject: parsed.subject ?? "(no subject)",
    receivedAt: new Date(message.receivedAt),
    html: parsed.html || null,
    text: parsed.text ?? "",
    raw: message.raw.toString("utf8"),
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? "attachment", contentType: a.contentType, size: a.size })),
  };
}
