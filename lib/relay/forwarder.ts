import type { Transporter } from "nodemailer";
import { classifyFailure, providerQueueId, RateWindow, retryDelayMs, type Rate } from "./schedule";
import type { RelayStore, StoredMessage } from "./store";

export type ForwarderOptions = {
  store: RelayStore;
  transport: Transporter;
  maxConnections: number;
  rate?: Rate;
  retryBaseMs: number;
  log: (line: string) => void;
  /** Called after every state change, so reports go out at once. */
  onChange?: () => void;
};

export type Forwarder = { kick(): void; stop(): Promise<void>; inFlight(): number };

/** Hands spooled messages to the smart host, as many at once as allowed, at the allowed rate. */
export function startForwarder(options: ForwarderOptions): Forwarder {
  const { store, transport, log } = options;
  const window = options.rate ? new RateWindow(options.rate) : null;
  const sending = new Map<number, Promise<void>>();
  let stopping = false;
  let wake: NodeJS.Timeout | null = null;

  function record(message: StoredMessage, outcome: "relayed" | "deferred" | "bounced", response: string, startedAt: number, retryAt: number | null) {
    store.recordAttempt(message, outcome, response, startedAt, retryAt, outcome === "relayed" ? providerQueueId(response) : null);
    const to = message.rcptTo.join(", ");
    const when = retryAt ? `; next try ${new Date(retryAt).toISOString()}` : "";
    log(`relay: message ${message.id} to ${to} ${outcome}: ${response}${when}`);
    options.onChange?.();
  }

  async function deliver(message: StoredMessage): Promise<void> {
    const startedAt = Date.now();
    if (startedAt >= message.expiresAt) {
      record(message, "bounced", "Gave up: the message could not be delivered within its lifetime", startedAt, null);
      return;
    }
    try {
      const info = await transport.sendMail({ envelope: { from: message.mailFrom, to: message.rcptTo }, raw: message.raw });
      if (info.rejected.length > 0) record(message, "bounced", `Rejected: ${String(info.response ?? info.rejected.join(", "))}`, startedAt, null);
      else record(message, "relayed", String(info.response ?? "250 accepted"), startedAt, null);
    } catch (error) {
      const { outcome, response } = classifyFailure(error);
      if (outcome === "bounced") return record(message, "bounced", response, startedAt, null);
      const retryAt = Date.now() + retryDelayMs(message.attempts + 1, options.retryBaseMs);
      if (retryAt >= message.expiresAt) record(message, "bounced", `Gave up after its lifetime; last answer: ${response}`, startedAt, null);
      else record(message, "deferred", response, startedAt, retryAt);
    }
  }

  function schedule(ms: number) {
    if (wake || stopping) return;
    wake = setTimeout(() => {
      wake = null;
      pump();
    }, Math.max(10, ms));
  }

  function pump(): void {
    if (stopping) return;
    const free = options.maxConnections - sending.size;
    if (free > 0) {
      const now = Date.now();
      const batch = store.due(now, free + sending.size).filter((m) => !sending.has(m.id)).slice(0, free);
      for (const message of batch) {
        const wait = window?.waitMs(Date.now()) ?? 0;
        if (wait > 0) {
          schedule(wait);
          break;
        }
        window?.take(Date.now());
        const done = deliver(message)
          .catch((error) => log(`relay: message ${message.id}: ${(error as Error).message}`))
          .finally(() => {
            sending.delete(message.id);
            pump();
          });
        sending.set(message.id, done);
      }
    }
    const next = store.nextDueAt();
    if (next !== null) schedule(Math.min(Math.max(next - Date.now(), 50), 30_000));
  }

  const idle = setInterval(pump, 5_000);
  idle.unref();
  pump();

  return {
    kick: pump,
    inFlight: () => sending.size,
    async stop() {
      stopping = true;
      clearInterval(idle);
      if (wake) clearTimeout(wake);
      await Promise.all(sending.values());
    },
  };
}
