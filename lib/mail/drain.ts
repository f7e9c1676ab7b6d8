import type { Db } from "@/db/client";
import type { OutboxRow } from "@/db/schema";
import { composeMail, type ComposeContext } from "./compose";
import { claimDueMail, markFailed, markSent } from "./outbox";
import type { RelayTransport } from "./transport";

export type DrainOptions = ComposeContext & { db: Db; transport: RelayTransport; batchSize?: number; log?: (line: string) => void };
export type DrainResult = { sent: number; failed: number };

function describeError(error: unknown): { message: string; permanent: boolean } {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const message = e.response ?? (e.code ? `${e.code}: ${e.message}` : String(e.message ?? error));
  // The relay refusing a message outright (5xx) will refuse it again; anything else is retried.
  return { message, permanent: typeof e.responseCode === "number" && e.responseCode >= 500 };
}

async function deliver(options: DrainOptions, row: OutboxRow): Promise<boolean> {
  try {
    const mail = await composeMail(options.db, row, options);
    if (!mail) {
      markFailed(options.db, row, "Nothing to send: the guest or event no longer exists", true);
      return false;
    }
    await options.transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments,
      headers: mail.headers,
    });
    markSent(options.db, row, mail.messageId);
    return true;
  } catch (error) {
    const { message, permanent } = describeError(error);
    options.log?.(`outbox: message ${row.id} (${row.kind}) not handed over: ${message}`);
    markFailed(options.db, row, message, permanent);
    return false;
  }
}

async function drainUntilEmpty(options: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0 };
  for (;;) {
    const batch = claimDueMail(options.db, options.batchSize ?? 50);
    if (batch.length === 0) return result;
    const outcomes = await Promise.all(batch.map((row) => deliver(options, row)));
    for (const ok of outcomes) ok ? result.sent++ : result.failed++;
  }
}

const globalForDrain = globalThis as unknown as { fastinviterDrain?: { running: Promise<DrainResult> | null; again: boolean } };

/**
 * Hands every due outbox message to the relay. Calls while a drain runs join it, and it goes
 * round once more so that mail queued meanwhile is not left for the timer.
 */
export function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const state = (globalForDrain.fastinviterDrain ??= { running: null, again: false });
  if (state.running) {
    state.again = true;
    return state.running;
  }
  state.running = (async () => {
    const total: DrainResult = { sent: 0, failed: 0 };
    do {
      state.again = false;
      const round = await drainUntilEmpty(options);
      total.sent += round.sent;
      total.failed += round.failed;
    } while (state.again);
    return total;
  })().finally(() => {
    state.running = null;
  });
  return state.running;
}
