import { after } from "next/server";
import { getDb } from "@/db/client";
import { appUrl, env } from "@/lib/env";
import { drainOutbox, requestDrain, type DrainOptions } from "./drain";
import { forgetOldRateWindows } from "@/lib/rate-limit";
import { queueDueReminders } from "@/lib/reminders/reminders";
import { releaseClaims } from "./outbox";
import { relayTransport } from "./transport";

export function appDrainOptions(): DrainOptions {
  const e = env();
  return {
    db: getDb(),
    transport: relayTransport(e.RELAY_URL),
    appUrl: appUrl(e),
    mailFrom: e.MAIL_FROM,
    log: (line) => console.warn(line),
  };
}

function drainNow(): Promise<void> {
  return drainOutbox(appDrainOptions()).then(
    () => undefined,
    (error) => console.error("outbox: drain failed:", error),
  );
}

/**
 * The fast path: once the response is on its way, hand what the action queued to the relay.
 * The outbox row is already committed, so if this never runs the timer sends it anyway.
 */
export function sendQueuedMailAfterResponse(): void {
  // Not awaited: Next keeps a request's context alive until its after() work settles, and a
  // drain under load runs for as long as mail keeps coming.
  after(() => requestDrain(appDrainOptions(), (error) => console.error("outbox: drain failed:", error)));
}

/** Reminders that fell due since the last tick join the outbox, and go with this drain. */
function queueReminders(): void {
  try {
    const queued = queueDueReminders(getDb());
    if (queued > 0) console.log(`reminders: ${queued} queued`);
  } catch (error) {
    // A busy or full database: the same reminders are still due at the next tick.
    console.error("reminders: not queued this time:", error instanceof Error ? error.message : error);
  }
}

const globalForTimer = globalThis as unknown as { fastinviterOutboxTimer?: NodeJS.Timeout };

/** Sends leftovers from before a restart now, then keeps watching the outbox. */
export function startOutboxTimer(): void {
  if (globalForTimer.fastinviterOutboxTimer) return;
  const released = releaseClaims(getDb());
  if (released > 0) console.log(`outbox: ${released} message(s) left mid-send by the last run are queued again`);
  queueReminders();
  void drainNow();
  let swept = 0;
  const timer = setInterval(() => {
    queueReminders();
    void drainNow();
    if (Date.now() - swept > 3_600_000) {
      swept = Date.now();
      forgetOldRateWindows(getDb());
    }
  }, env().OUTBOX_INTERVAL_MS);
  timer.unref();
  globalForTimer.fastinviterOutboxTimer = timer;
}
