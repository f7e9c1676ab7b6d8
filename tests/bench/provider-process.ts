/**
 * The fake mail provider in a process of its own for the end-to-end bench, so that receiving
 * and parsing SMTP does not share an event loop with the drain being measured.
 * Started with fork() and an IPC channel. Says {ready, port}; on {waitFor: n} it answers
 * {reached, count, at} once it holds n messages (`at`: epoch ms of the n-th arrival).
 */
import { FakeProvider } from "@/tests/support/provider";

type Request = { waitFor: number } | { stats: true };

const provider = new FakeProvider({ starttls: false });
const waits: number[] = [];
const messageIds = new Set<string>();
let counted = 0;

function check() {
  // Count distinct Message-IDs too: the relay must forward each accepted message once.
  for (; counted < provider.received.length; counted++) {
    const id = /^message-id:\s*(\S+)/im.exec(provider.received[counted].raw)?.[1];
    if (id) messageIds.add(id);
    // The bench needs the count, not the text: don't hold thousands of messages in memory.
    provider.received[counted].raw = provider.received[counted].raw.length.toString();
  }
  for (let i = waits.length - 1; i >= 0; i--) {
    const n = waits[i];
    if (provider.received.length >= n) {
      waits.splice(i, 1);
      process.send!({ reached: n, count: provider.received.length, at: provider.received[n - 1].at });
    }
  }
}

process.on("message", (request: Request) => {
  if ("waitFor" in request) {
    waits.push(request.waitFor);
    check();
  } else {
    check();
    const sizes = provider.received.map((r) => Number(r.raw));
    process.send!({ stats: true, count: provider.received.length, distinctMessageIds: messageIds.size, bytes: sizes.reduce((a, b) => a + b, 0) });
  }
});
process.on("disconnect", () => process.exit(0));

void provider.start(0).then(() => {
  // Polling keeps FakeProvider untouched; 5 ms is well below the run times measured.
  setInterval(check, 5);
  process.send!({ ready: true, port: provider.port });
});
