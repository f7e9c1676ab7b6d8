import { simpleParser, type ParsedMail } from "mailparser";
import { join } from "node:path";
import type { Db } from "@/db/client";
import { parseEnv } from "@/lib/env";
import { drainOutbox } from "@/lib/mail/drain";
import { createRelayTransport } from "@/lib/mail/transport";
import { startForwarder, type Forwarder } from "@/lib/relay/forwarder";
import { startReporter } from "@/lib/relay/reporter";
import { parseRate } from "@/lib/relay/schedule";
import { startRelay, type Relay } from "@/lib/relay/server";
import { createSmartHostTransport } from "@/lib/relay/smarthost";
import { openRelayStore, type PendingReport, type RelayStore } from "@/lib/relay/store";

export type TestRelay = { relay: Relay; store: RelayStore; url: string; close(): Promise<void> };

/** The real relay on a free loopback port, keeping mail in a store under `dir`. */
export async function startTestRelay(dir: string, stallMs?: number): Promise<TestRelay> {
  const store = openRelayStore(join(dir, "relay.db"));
  const relay = await startRelay({ store, host: "127.0.0.1", port: 0, stallMs });
  return {
    relay,
    store,
    url: `smtp://127.0.0.1:${relay.port}`,
    async close() {
      await relay.close();
      store.close();
    },
  };
}

/** Every message the relay accepted, oldest first, parsed as a mail client would. */
export async function receivedMail(store: RelayStore): Promise<(ParsedMail & { rcptTo: string[] })[]> {
  const stored = store.newest(1_000).reverse();
  return Promise.all(stored.map(async (m) => Object.assign(await simpleParser(m.raw), { rcptTo: m.rcptTo })));
}

export type ForwardingRelay = TestRelay & { forwarder: Forwarder; reports: DeliveryReportSink };

/** Reports the relay owes the app, as the app would receive them. */
export type DeliveryReportSink = { received: PendingReport[]; flush(): void };

/**
 * The relay as `npm run relay` runs it with a smart host: spool, forwarder and the reports,
 * here collected from the store instead of posted (the posting has its own test).
 */
export async function startForwardingRelay(
  dir: string,
  smart: Record<string, string>,
  postReports?: { url: string; secret: string },
): Promise<ForwardingRelay> {
  const settings = parseEnv({ AUTH_SECRET: "x".repeat(32), RELAY_RETRY_BASE_MS: "100", ...smart });
  const store = openRelayStore(join(dir, "relay.db"));
  const transport = createSmartHostTransport(settings);
  const reporter = postReports ? startReporter({ store, ...postReports, log: () => {} }) : null;
  const reports: DeliveryReportSink = {
    received: [],
    flush() {
      if (reporter) return reporter.kick();
      const pending = store.pendingReports(1_000);
      if (pending.length === 0) return;
      this.received.push(...pending);
      store.reportsDelivered(pending[pending.length - 1].id);
    },
  };
  const forwarder = startForwarder({
    store,
    transport,
    maxConnections: settings.SMART_MAX_CONNECTIONS,
    rate: settings.SMART_RATE ? parseRate(settings.SMART_RATE) : undefined,
    retryBaseMs: settings.RELAY_RETRY_BASE_MS,
    log: () => {},
    onChange: () => reports.flush(),
  });
  const relay = await startRelay({ store, host: "127.0.0.1", port: 0, forward: true, onAccepted: () => forwarder.kick() });
  return {
    relay,
    store,
    forwarder,
    reports,
    url: `smtp://127.0.0.1:${relay.port}`,
    async close() {
      await relay.close();
      await forwarder.stop();
      reporter?.stop();
      transport.close();
      store.close();
    },
  };
}

/** What the app's `after()` does: hand every due outbox message to the relay, then close. */
export async function drainToRelay(db: Db, relayUrl: string): Promise<void> {
  const transport = createRelayTransport(relayUrl);
  try {
    await drainOutbox({ db, transport, appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
  } finally {
    transport.close();
  }
}
