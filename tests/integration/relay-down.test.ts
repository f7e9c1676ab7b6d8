import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { drainOutbox } from "@/lib/mail/drain";
import { createRelayTransport, type RelayTransport } from "@/lib/mail/transport";
import { pendingMailCount } from "@/lib/mail/outbox";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";

/** A loopback port that nothing listens on: bound, noted, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let t: TestDb;
let transport: RelayTransport;

beforeEach(async () => {
  t = openTestDb();
  transport = createRelayTransport(`smtp://127.0.0.1:${await closedPort()}`);
});
afterEach(() => {
  transport.close();
  t.close();
});

describe("when the relay is down", () => {
  it("keeps every invitation queued for a later attempt, with the reason", async () => {
    const host = addHost(t.db, "grace@example.org", "Grace");
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "ada@example.org\nalan@example.org\nlinus@example.org");
    sendInvites(t.db, host, event.id);
    const logged: string[] = [];

    const result = await drainOutbox({
      db: t.db,
      transport,
      appUrl: "http://localhost:3000",
      mailFrom: "FastInviter <invites@example.test>",
      log: (line) => logged.push(line),
    });

    expect(result).toEqual({ sent: 0, failed: 3 });
    const rows = t.db.select().from(outbox).all();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.state).toBe("queued");
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(row.createdAt.getTime());
    }
    expect(pendingMailCount(t.db)).toBe(3);
    expect(listGuests(t.db, event.id).map((g) => [g.stage, g.deliveryDetail === null])).toEqual([
      ["retrying", false],
      ["retrying", false],
      ["retrying", false],
    ]);
    expect(logged).toHaveLength(3);
  });
});
