import nodemailer from "nodemailer";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { createSmartHostTransport } from "@/lib/relay/smarthost";
import { FakeProvider, testCertificate } from "@/tests/support/provider";
import { startForwardingRelay, type ForwardingRelay } from "@/tests/support/relay";

let certificate: { key: string; cert: string };
let dir: string;
let provider: FakeProvider;
let relay: ForwardingRelay | null;

beforeAll(async () => {
  certificate = await testCertificate();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "fastinviter-forward-"));
  relay = null;
});
afterEach(async () => {
  await relay?.close();
  await provider?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const USERS = { "relay@example.test": "correct horse battery staple" };

function smartHostSettings(extra: Record<string, string> = {}) {
  return {
    SMART_HOST: `127.0.0.1:${provider.port}`,
    SMART_USER: "relay@example.test",
    SMART_PASS: USERS["relay@example.test"],
    SMART_TLS_CA: certificate.cert,
    ...extra,
  };
}

async function hand(relayUrl: string, messages: { to: string; id: string }[]) {
  const transport = nodemailer.createTransport({ url: relayUrl, pool: true, maxConnections: 3 } as never);
  try {
    await Promise.all(
      messages.map((m) =>
        transport.sendMail({ from: "invites@example.test", to: m.to, subject: `Message ${m.id}`, text: `Body ${m.id}`, messageId: `<${m.id}@example.test>` }),
      ),
    );
  } finally {
    transport.close();
  }
}

const outcomes = (r: ForwardingRelay) => r.store.newest(100).map((m) => [m.rcptTo[0], m.state]);

describe("forwarding to the provider", () => {
  it("forwards with AUTH inside STARTTLS, and reports the provider's answer and queue id", async () => {
    provider = new FakeProvider({ certificate, users: USERS });
    await provider.start();
    relay = await startForwardingRelay(dir, smartHostSettings());
    await hand(relay.url, [{ to: "ada@example.org", id: "m1" }]);

    await vi.waitFor(() => expect(provider.received).toHaveLength(1), { timeout: 10_000 });
    expect(provider.received[0]).toMatchObject({ to: ["ada@example.org"], secure: true, user: "relay@example.test" });
    expect(provider.received[0].raw).toContain("Message-ID: <m1@example.test>");
    expect(provider.authAttempts).toEqual([{ user: "relay@example.test", secure: true }]);
    await vi.waitFor(() => expect(relay!.reports.received.map((r) => r.state)).toEqual(["relayed"]));
    expect(relay.reports.received[0]).toMatchObject({ messageId: "<m1@example.test>", detail: expect.stringContaining("queued as FAKE1") });
  });

  it("never sends credentials or mail to a provider that does not offer TLS", async () => {
    provider = new FakeProvider({ certificate, users: USERS, starttls: false });
    await provider.start();
    relay = await startForwardingRelay(dir, smartHostSettings({ RELAY_RETRY_BASE_MS: "60000" }));
    await hand(relay.url, [{ to: "ada@example.org", id: "m2" }]);

    await vi.waitFor(() => expect(relay!.reports.received.map((r) => r.state)).toEqual(["deferred"]), { timeout: 10_000 });
    expect(provider.authAttempts).toEqual([]);
    expect(provider.received).toEqual([]);
    expect(relay.reports.received[0].detail).toMatch(/^No TLS with the provider, so nothing was sent/);
    expect(relay.reports.received[0].retryAt).toBeGreaterThan(Date.now());
  });

  it("keeps everything while the provider is down and delivers each message exactly once when it is back", async () => {
    provider = new FakeProvider({ certificate, users: USERS });
    await provider.start();
    const port = provider.port;
    await provider.stop();
    relay = await startForwardingRelay(dir, smartHostSettings({ SMART_HOST: `127.0.0.1:${port}` }));
    const messages = ["a", "b", "c", "d", "e"].map((x) => ({ to: `${x}@example.org`, id: `down-${x}` }));
    await hand(relay.url, messages);
    await vi.waitFor(() => expect(relay!.store.newest(10).every((m) => m.state === "deferred")).toBe(true), { timeout: 10_000 });
    expect(relay.store.status().lastError?.response).toMatch(/ECONNREFUSED/);

    await provider.start(port);
    await vi.waitFor(() => expect(relay!.store.status().relayed).toBe(5), { timeout: 20_000 });
    expect(provider.received.map((m) => m.to[0]).sort()).toEqual(messages.map((m) => m.to));
    const states = relay.reports.received.filter((r) => r.state === "relayed").map((r) => r.messageId).sort();
    expect(states).toEqual(messages.map((m) => `<${m.id}@example.test>`).sort());
  });

  it("bounces at once on a 5xx answer, with the provider's reason", async () => {
    provider = new FakeProvider({
      certificate,
      users: USERS,
      rejectRecipient: (address) => (address.startsWith("nobody@") ? { code: 550, message: "5.1.1 No such user here" } : null),
    });
    await provider.start();
    relay = await startForwardingRelay(dir, smartHostSettings());
    await hand(relay.url, [
      { to: "nobody@example.org", id: "b1" },
      { to: "ada@example.org", id: "b2" },
    ]);
    await vi.waitFor(() => expect(outcomes(relay!).sort()).toEqual([["ada@example.org", "relayed"], ["nobody@example.org", "bounced"]]), { timeout: 10_000 });
    const bounce = relay.reports.received.find((r) => r.messageId === "<b1@example.test>");
    expect(bounce).toMatchObject({ state: "bounced", detail: expect.stringContaining("550 5.1.1 No such user here") });
    const [bounced] = relay.store.newest(10).filter((m) => m.state === "bounced");
    expect(relay.store.attempts(bounced.id)).toHaveLength(1);
  });

  it("holds messages back to the configured rate instead of failing them", async () => {
    provider = new FakeProvider({ certificate, users: USERS });
    await provider.start();
    relay = await startForwardingRelay(dir, smartHostSettings({ SMART_RATE: "2/sec", SMART_MAX_CONNECTIONS: "5" }));
    await hand(relay.url, ["a", "b", "c", "d", "e", "f"].map((x) => ({ to: `${x}@example.org`, id: `rate-${x}` })));
    await vi.waitFor(() => expect(relay!.store.status().relayed).toBe(6), { timeout: 20_000 });

    const starts = relay.store
      .newest(10)
      .flatMap((m) => relay!.store.attempts(m.id).map((a) => a.startedAt))
      .sort((a, b) => a - b);
    expect(starts).toHaveLength(6);
    // At most two sends start in any one-second window.
    for (let i = 2; i < starts.length; i++) expect(starts[i] - starts[i - 2]).toBeGreaterThanOrEqual(1_000);
    expect(relay.store.status().bounced).toBe(0);
  });

  it("keeps a second hand-over of the same Message-ID once", async () => {
    provider = new FakeProvider({ certificate, users: USERS });
    await provider.start();
    relay = await startForwardingRelay(dir, smartHostSettings());
    await hand(relay.url, [{ to: "ada@example.org", id: "twice" }]);
    await hand(relay.url, [{ to: "ada@example.org", id: "twice" }]);
    await vi.waitFor(() => expect(relay!.store.status().relayed).toBe(1), { timeout: 10_000 });
    expect(relay.store.count()).toBe(1);
    expect(provider.received).toHaveLength(1);
  });

  it("signs with DKIM when the operator configures it", async () => {
    provider = new FakeProvider({ certificate, users: USERS });
    await provider.start();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    relay = await startForwardingRelay(dir, smartHostSettings({ DKIM_DOMAIN: "example.test", DKIM_SELECTOR: "fi2026", DKIM_PRIVATE_KEY: pem }));
    await hand(relay.url, [{ to: "ada@example.org", id: "signed" }]);
    await vi.waitFor(() => expect(provider.received).toHaveLength(1), { timeout: 10_000 });
    const signature = /^DKIM-Signature:((?:.|\r\n[ \t])*)/m.exec(provider.received[0].raw)?.[1] ?? "";
    expect(signature).toMatch(/\bd=example\.test;/);
    expect(signature).toMatch(/\bs=fi2026;/);
    expect(signature).toMatch(/\bb=[A-Za-z0-9+/=\s]{100,}/);
  });

  it("stops on a DKIM key it cannot read without repeating it: the error goes to the log", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    // The key pasted without its BEGIN and END lines reads as a file name.
    const bareKey = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    const settings = parseEnv({ AUTH_SECRET: "x".repeat(32), SMART_HOST: "127.0.0.1:2525", SMART_TLS: "none", DKIM_DOMAIN: "example.test", DKIM_SELECTOR: "fi2026", DKIM_PRIVATE_KEY: bareKey });
    expect(() => createSmartHostTransport(settings)).toThrowError(/^DKIM_PRIVATE_KEY is neither PEM text nor the path of a readable file$/);
  });
});
