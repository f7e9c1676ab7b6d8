import type { Db } from "@/db/client";
import type { OutboxRow } from "@/db/schema";
import { composeMail, outboxMessageId, type ComposeContext } from "./compose";
import { claimDueMail, markFailed, markSent } from "./outbox";
import type { RelayTransport } from "./transport";

export type DrainOptions = ComposeContext & { db: Db; transport: RelayTransport; concurrency?: number; log?: (line: string) => void };
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
      replyTo: mail.replyTo,
      // React Email's HTML is one long line: quoted-printable spends more CPU on it than
      // anything else in a hand-over; base64 is native.
      textEncoding: "base64",
    });
  } catch (error) {
    const { message, permanent } = describeError(error);
    options.log?.(`outbox: message ${row.id} (${row.kind}) not handed over: ${message}`);
    markFailed(options.db, row, message, permanent);
    return false;
  }
  // Outside the try: the relay has the message, so a failure here must not count as a failed
  // hand-over. The row stays claimed, is retried later and the relay drops the second copy.
  markSent(options.db, row, outboxMessageId(row, options.mailFrom));
  return true;
}

/**
 * Keeps `concurrency` hand-overs going at once, claiming rows only as slots free up: a slow
 * relay never leaves claimed rows waiting (their claims would go stale), and a sign-in link
 * queued during a bulk send is taken as soon as one slot frees.
 */
async function drainUntilEmpty(options: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0 };
  const limit = options.concurrency ?? 10;
  const active = new Set<Promise<void>>();
  for (;;) {
    // Refill when half the slots are free: fewer, larger claims.
    if (active.size <= limit / 2) {
      const rows = claimDueMail(options.db, limit - active.size);
      for (const row of rows) {
        const task: Promise<void> = deliver(options, row).then((ok) => {
          ok ? result.sent++ : result.failed++;
          active.delete(task);
        });
        active.add(task);
      }
      if (rows.length === 0 && active.size === 0) return result;
      if (rows.length > 0 && active.size <= limit / 2) continue;
    }
    await Promise.race(active);
  }
}

type DrainState = { running: Promise<DrainResult> | null; again: boolean };
// One drain per database per process, surviving dev-mode module reloads.
const globalForDrain = globalThis as unknown as { fastinviterDrains?: WeakMap<Db, DrainState> };

/**
 * Hands every due outbox message to the relay. Calls while a drain of the same database runs
 * join it, and it goes round once more so that mail queued meanwhile is not left for the timer.
 */
export function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const drains = (globalForDrain.fastinviterDrains ??= new WeakMap());
  const state = drains.get(options.db) ?? { running: null, again: false };
  drains.set(options.db, state);
  if (state.running) {
    state.again = true;
    return state.running;
  }
  state.running = (async () => {
    const total: DrainResult = { sent: 0, failed: 0 };
    for (;;) {
      state.again = false;
      const round = await drainUntilEmpty(options);
      total.sent += round.sent;
      total.failed += round.failed;
      // Cleared in the same turn as the last check, so a request arriving after it starts a
      // new drain instead of flagging one that has already decided to stop.
      if (!state.again) {
        state.running = null;
        return total;
      }
    }
  })().catch((error) => {
    state.running = null;
    throw error;
  });
  return state.running;
}

/**
 * Asks for a drain without waiting for it. While one runs, this only flags one more round:
 * a burst of answers must not hang thousands of waiters (and the requests they belong to) on
 * the running drain's promise until it ends.
 */
export function requestDrain(options: DrainOptions, onError: (error: unknown) => void): void {
  const state = globalForDrain.fastinviterDrains?.get(options.db);
  if (state?.running) {
    state.again = true;
    return;
  }
  drainOutbox(options).catch(onError);
}
