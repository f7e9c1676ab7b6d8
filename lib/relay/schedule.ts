/** The relay's timing rules, kept pure so they can be tested with a fake clock. */

export type Rate = { limit: number; windowMs: number };

const UNITS: Record<string, number> = { s: 1_000, sec: 1_000, second: 1_000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000 };

/** "30/min" → at most 30 sends in any 60-second window. */
export function parseRate(text: string): Rate {
  const match = /^(\d+)\/(\w+)$/.exec(text.trim());
  if (!match || !UNITS[match[2]] || Number(match[1]) < 1) throw new Error(`not a rate: ${text}`);
  return { limit: Number(match[1]), windowMs: UNITS[match[2]] };
}

/**
 * A sliding window of send start times. Over the limit, mail waits for the window to move:
 * it is held back, never failed.
 */
export class RateWindow {
  private starts: number[] = [];
  constructor(private readonly rate: Rate) {}

  /** Milliseconds until another send may start (0: now). */
  waitMs(now: number): number {
    this.starts = this.starts.filter((t) => t > now - this.rate.windowMs);
    if (this.starts.length < this.rate.limit) return 0;
    return this.starts[0] + this.rate.windowMs - now;
  }

  take(now: number): void {
    this.starts.push(now);
  }
}

export const RETRY_CAP_MS = 3_600_000;

/**
 * Exponential backoff with jitter: about a minute before the first retry (with the default
 * base), doubling, capped near an hour. Jitter spreads retries so a provider coming back is
 * not hit by the whole queue at once.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), Math.max(RETRY_CAP_MS, baseMs));
  return Math.round(exponential * (0.75 + 0.25 * random()));
}

export type Classified = { outcome: "deferred" | "bounced"; response: string };

/** Errors about this message (its sender, recipients or content), as nodemailer codes them. */
const ABOUT_THE_MESSAGE = new Set(["EENVELOPE", "EMESSAGE"]);

/**
 * A 5xx answer to the message bounces at once; a 4xx answer, a network, TLS or login problem
 * is tried again: those are the connection's or the operator's to fix, not the message's.
 */
export function classifyFailure(error: unknown): Classified {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  let response = (e.response ?? (e.code ? `${e.code}: ${e.message}` : String(e.message ?? error))).slice(0, 1_000);
  if (e.code === "ETLS") response = `No TLS with the provider, so nothing was sent (${response})`;
  const permanent = typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
  if (permanent && (!e.code || ABOUT_THE_MESSAGE.has(e.code))) return { outcome: "bounced", response };
  return { outcome: "deferred", response };
}

/** "250 2.0.0 Ok: queued as 4F2A1C" → "4F2A1C" (providers word it differently). */
export function providerQueueId(response: string): string | null {
  return /queued as ([\w.@<>-]+)/i.exec(response)?.[1] ?? /\bid=([\w.@<>-]+)/i.exec(response)?.[1] ?? null;
}
