import { ConfigError, parseEnv } from "@/lib/env";
import { startRelay } from "./server";
import { openRelayStore } from "./store";

/** `npm run relay`: the local SMTP relay as its own process. */
async function main() {
  let settings;
  try {
    settings = parseEnv({ ...process.env, AUTH_SECRET: process.env.AUTH_SECRET || "x".repeat(32) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`relay: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const [host, port] = settings.RELAY_LISTEN.split(":");
  const store = openRelayStore(settings.RELAY_DB);
  const relay = await startRelay({ store, host, port: Number(port), log: (line) => console.log(line) });
  const mode = settings.SMART_HOST
    ? `SMART_HOST=${settings.SMART_HOST} is set, but forwarding is not built yet: keeping mail in the dev mailbox`
    : "no SMART_HOST set: keeping all mail in the dev mailbox";
  console.log(`relay: listening on ${host}:${relay.port}; ${mode} (${settings.RELAY_DB}, ${store.count()} message(s))`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`relay: ${signal} received, finishing the message in flight`);
    const forced = setTimeout(() => process.exit(0), 10_000);
    await relay.close();
    clearTimeout(forced);
    store.close();
    console.log("relay: stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(`relay: could not start: ${(error as Error).message}`);
  process.exit(1);
});
