import { simpleParser, type ParsedMail } from "mailparser";
import { join } from "node:path";
import { startRelay, type Relay } from "@/lib/relay/server";
import { openRelayStore, type RelayStore } from "@/lib/relay/store";

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
