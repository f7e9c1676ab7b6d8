import { ConfigError, parseEnv, type Env } from "@/lib/env";
import { redactSecrets } from "@/lib/log-redaction";
import { startForwarder, type Forwarder } from "./forwarder";
import { startReporter, type Reporter } from "./reporter";
import { parseRate } from "./schedule";
import { startRelay } from "./server";
import { createSmartHostTransport } from "./smarthost";
import { openRelayStore } from "./store";

// A provider's answer is logged as it came, and a refusal can quote the message's links.
const log = (line: string) => console.log(redactSecrets(line));
const FINISHED_KEPT_FOR_MS = 7 * 24 * 3_600_000;

function settingsOrExit(): Env {
  try {
    // The relay needs no AUTH_SECRET of its own; the app's check of it is the app's business.
    return parseEnv({ ...process.env, AUTH_SECRET: process.env.AUTH_SECRET || "x".repeat(32) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`relay: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function age(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** `npm run relay -- status`: the queue at a glance, for an operator. */
function printStatus(settings: Env): void {
  const store = openRelayStore(settings.RELAY_DB);
  const s = store.status();
  store.close();
  console.log(`queue: ${s.waiting} message(s) waiting for the smart host`);
  console.log(`oldest: ${s.oldest ? `${age(Date.now() - s.oldest)} old` : "none"}`);
  console.log(`done: ${s.relayed} relayed, ${s.bounced} bounced, ${s.kept} kept in the dev mailbox`);
  console.log(`reports not yet taken by the app: ${s.pendingReports}`);
  console.log(`last error: ${s.lastError ? `${new Date(s.lastError.at).toISOString()} ${s.lastError.outcome}: ${s.lastError.response}` : "none"}`);
}

async function serve(settings: Env): Promise<void> {
  const separator = settings.RELAY_LISTEN.lastIndexOf(":");
  const host = settings.RELAY_LISTEN.slice(0, separator);
  const port = Number(settings.RELAY_LISTEN.slice(separator + 1));
  const store = openRelayStore(settings.RELAY_DB);

  let reporter: Reporter | null = null;
  if (settings.RELAY_SECRET && settings.RELAY_REPORT_URL) {
    reporter = startReporter({ store, url: settings.RELAY_REPORT_URL, secret: settings.RELAY_SECRET, log });
  }
  let forwarder: Forwarder | null = null;
  if (settings.SMART_HOST) {
    forwarder = startForwarder({
      store,
      transport: createSmartHostTransport(settings),
      maxConnections: settings.SMART_MAX_CONNECTIONS,
      rate: settings.SMART_RATE ? parseRate(settings.SMART_RATE) : undefined,
      retryBaseMs: settings.RELAY_RETRY_BASE_MS,
      log,
      onChange: () => reporter?.kick(),
    });
  }
  const relay = await startRelay({
    store,
    host,
    port,
    forward: !!settings.SMART_HOST,
    lifetimeMs: settings.RELAY_MAX_LIFETIME_HOURS * 3_600_000,
    onAccepted: () => {
      forwarder?.kick();
      reporter?.kick();
    },
    log,
  });
  const purge = setInterval(() => store.purgeFinished(Date.now() - FINISHED_KEPT_FOR_MS), 3_600_000);
  purge.unref();

  const mode = settings.SMART_HOST
    ? `forwarding to ${settings.SMART_HOST} (${settings.SMART_TLS}${settings.SMART_USER ? ", with AUTH" : ""}${settings.SMART_RATE ? `, at most ${settings.SMART_RATE}` : ""}, ${settings.SMART_MAX_CONNECTIONS} connection(s))`
    : "no SMART_HOST set: keeping all mail in the dev mailbox";
  const reports = reporter ? `reporting to ${settings.RELAY_REPORT_URL}` : "not reporting (RELAY_SECRET or RELAY_REPORT_URL unset)";
  const s = store.status();
  log(`relay: listening on ${host}:${relay.port}; ${mode}; ${reports}; spool ${settings.RELAY_DB} with ${s.waiting} waiting`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`relay: ${signal} received, finishing the messages in flight`);
    const forced = setTimeout(() => {
      log("relay: could not finish in time, stopping anyway (the spool keeps everything)");
      process.exit(1);
    }, 20_000);
    await relay.close();
    await forwarder?.stop();
    await reporter?.flush().catch(() => {});
    reporter?.stop();
    clearTimeout(forced);
    store.close();
    log("relay: stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

const settings = settingsOrExit();
if (process.argv[2] === "status") {
  printStatus(settings);
} else if (process.argv[2] && process.argv[2] !== "serve") {
  console.error(`relay: unknown command "${process.argv[2]}" (use: npm run relay, or npm run relay -- status)`);
  process.exit(2);
} else {
  serve(settings).catch((error) => {
    console.error(`relay: could not start: ${(error as Error).message}`);
    process.exit(1);
  });
}
