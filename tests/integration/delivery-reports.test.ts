import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { acceptDeliveryReports } from "@/lib/mail/report-endpoint";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { FakeProvider } from "@/tests/support/provider";
import { drainToRelay, startForwardingRelay, type ForwardingRelay } from "@/tests/support/relay";

const SECRET = "r".repeat(40);
let t: TestDb;
let dir: string;
let app: Server;
let appUrl: string;
let provider: FakeProvider;
let relay: ForwardingRelay;

/** The app's report endpoint, served over HTTP on loopback as Next serves it. */
async function startReportEndpoint(): Promise<void> {
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    const response = await acceptDeliveryReports(request, { secret: SECRET, db: t.db });
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}/api/relay/status`;
}

beforeEach(async () => {
  t = openTestDb();
  dir = mkdtempSync(join(tmpdir(), "fastinviter-reports-"));
  await startReportEndpoint();
  provider = new FakeProvider({ rejectRecipient: (a) => (a.startsWith("nobody@") ? { code: 550, message: "5.1.1 No such user here" } : null) });
  await provider.start();
  relay = await startForwardingRelay(dir, { SMART_HOST: `127.0.0.1:${provider.port}`, SMART_TLS: "none" }, { url: appUrl, secret: SECRET });
});
afterEach(async () => {
  await relay.close();
  await provider.stop();
  await new Promise((resolve) => app.close(resolve));
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the relay reports each message's fate to the app", () => {
  it("the host's guest rows show delivered and bounced with the provider's reason", async () => {
    const host = addHost(t.db, "host@example.org");
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>\nNobody <nobody@example.org>");
    sendInvites(t.db, host, event.id);
    await drainToRelay(t.db, relay.url);

    const stages = () => Object.fromEntries(listGuests(t.db, event.id).map((g) => [g.email, [g.stage, g.deliveryDetail]]));
    await vi.waitFor(
      () =>
        expect(stages()).toEqual({
          "ada@example.org": ["delivered", expect.stringContaining("queued as FAKE")],
          "nobody@example.org": ["bounced", expect.stringContaining("550 5.1.1 No such user here")],
        }),
      { timeout: 15_000 },
    );
    // The relay forgets a report once the app has acknowledged it (just after the rows change).
    await vi.waitFor(() => expect(relay.store.status().pendingReports).toBe(0), { timeout: 5_000 });
  });

  it("refuses forged reports and never lets a late deferral undo a delivery", async () => {
    const host = addHost(t.db, "host@example.org");
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "ada@example.org");
    sendInvites(t.db, host, event.id);
    await drainToRelay(t.db, relay.url);
    await vi.waitFor(() => expect(listGuests(t.db, event.id)[0].stage).toBe("delivered"), { timeout: 15_000 });

    const messageId = relay.store.newest(1)[0].messageId!;
    const forged = [{ messageId, state: "bounced", detail: "forged", at: Date.now() }];
    const post = (authorization: string | null, body: unknown) =>
      fetch(appUrl, { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });

    expect((await post(null, forged)).status).toBe(401);
    expect((await post(`Bearer ${"x".repeat(40)}`, forged)).status).toBe(401);
    expect((await post(`Bearer ${SECRET}`, [{ messageId, state: "exploded" }])).status).toBe(400);
    expect(listGuests(t.db, event.id)[0]).toMatchObject({ stage: "delivered" });

    const late = await post(`Bearer ${SECRET}`, [{ messageId, state: "deferred", detail: "451 late", retryAt: Date.now() + 60_000, at: Date.now() }]);
    expect(await late.json()).toEqual({ applied: 0 });
    expect(listGuests(t.db, event.id)[0].stage).toBe("delivered");
  });

  it("refuses a body over 1 MB, whether its length is declared or it comes in chunks", async () => {
    const report = JSON.stringify([{ messageId: "<x@example.test>", state: "bounced", detail: "x", at: Date.now() }]);
    const oversized = report.padEnd(1024 * 1024 + 1, " ");
    const headers = { "content-type": "application/json", authorization: `Bearer ${SECRET}` };
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < oversized.length; i += 64 * 1024) controller.enqueue(new TextEncoder().encode(oversized.slice(i, i + 64 * 1024)));
        controller.close();
      },
    });

    for (const response of [
      await fetch(appUrl, { method: "POST", headers, body: oversized }),
      await fetch(appUrl, { method: "POST", headers, body: chunks, duplex: "half" } as RequestInit),
    ]) {
      expect(response.status).toBe(413);
      expect(await response.text()).toBe("Request body too large: the limit here is 1 MB.\n");
    }
    expect(await (await fetch(appUrl, { method: "POST", headers, body: report.padEnd(1024 * 1024, " ") })).json()).toEqual({ applied: 0 });
  });
});
