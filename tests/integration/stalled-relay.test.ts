import { vi, afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { drainOutbox } from "@/lib/mail/drain";
import { createRelayTransport, type RelayTransport } from "@/lib/mail/transport";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { receivedMail, startTestRelay, type TestRelay } from "@/tests/support/relay";

let t: TestDb;
let relay: TestRelay;
let transport: RelayTransport;

beforeEach(async () => {
  t = openTestDb();
  // Holds every message this long before answering, like a slow mail provider.
  relay = await startTestRelay(t.dir, 5_000);
  transport = createRelayTransport(relay.url);
});
afterEach(async () => {
  transport.close();
  await relay.close();
  t.close();
});

const states = () => t.db.select({ state: outbox.state }).from(outbox).all().map((r) => r.state);

describe("with a relay that is slow to accept mail", () => {
  it("sending invitations returns at once, and the mail follows when the relay answers", async () => {
    const host = addHost(t.db, "grace@example.org", "Grace");
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "ada@example.org\nalan@example.org\nlinus@example.org");

    // What the host's request does: it has returned, and nothing has gone to the relay yet.
    expect(sendInvites(t.db, host, event.id)).toBe(3);
    expect(states()).toEqual(["queued", "queued", "queued"]);
    expect(relay.relay.server.connections.size).toBe(0);
    expect(relay.store.count()).toBe(0);

    // What runs after the response: the drain.
    let settled = false;
    const drain = drainOutbox({ db: t.db, transport, appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
    void drain.finally(() => (settled = true));

    // Wait until the relay is in the middle of taking a message (recipients given, no reply yet).
    await vi.waitFor(
      () => expect([...relay.relay.server.connections].some((c) => c.session.envelope.rcptTo.length > 0)).toBe(true),
      { timeout: 20_000, interval: 20 },
    );
    expect(settled).toBe(false);
    expect(states()).toEqual(["sending", "sending", "sending"]);
    expect(relay.store.count()).toBe(0);
    expect(listGuests(t.db, event.id).map((g) => g.stage)).toEqual(["queued", "queued", "queued"]);

    expect(await drain).toEqual({ sent: 3, failed: 0 });
    expect(relay.store.count()).toBe(3);
    expect((await receivedMail(relay.store)).map((m) => m.rcptTo[0]).sort()).toEqual(["ada@example.org", "alan@example.org", "linus@example.org"]);
    expect(listGuests(t.db, event.id).map((g) => g.stage)).toEqual(["accepted", "accepted", "accepted"]);
  });
});
