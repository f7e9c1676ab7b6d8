/**
 * The app as an operator runs it (the launcher, `next start` and the relay, with a provider
 * that wants STARTTLS and AUTH and a DKIM key), driven over HTTP. Slow: the launcher builds
 * first when the build is missing or older than the sources.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { guests, outbox, sessions, verificationTokens } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { newGuestToken, newSecret } from "@/lib/tokens";
import { seedAppDatabase, signInHost } from "@/tests/bench/app-fixtures";
import { startApp, type AppProcess } from "@/tests/bench/app-server";
import { addEvent, addGuestList, addHost } from "@/tests/support/db";
import { FakeProvider, testCertificate } from "@/tests/support/provider";

// A build on 2 busy cores can take minutes; startApp waits up to 7.
const START_MS = 8 * 60_000;
const HOST = "host@example.org";
// This guest's address is refused by a provider that quotes the invitation's link back.
const REFUSED = "refused@example.org";

const env = {
  AUTH_SECRET: newSecret(),
  RELAY_SECRET: newSecret(),
  SMART_USER: "relay@example.test",
  SMART_PASS: newSecret(),
  DKIM_PRIVATE_KEY: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};

let dir: string;
let provider: FakeProvider;
let app: AppProcess;
let db: Db;
let seeded: { hostCookie: string; eventId: string; tokens: Record<string, string> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fastinviter-launched-"));
  seeded = seedAppDatabase(dir, (seed) => {
    const host = addHost(seed, HOST, "Grace");
    const event = addEvent(seed, host);
    addGuestList(seed, host, event.id, `Ada <ada@example.org>\nBob <bob@example.org>\n${REFUSED}`);
    sendInvites(seed, host, event.id);
    const tokens = Object.fromEntries(seed.select().from(guests).all().map((g) => [g.email, g.token]));
    return { hostCookie: signInHost(seed, host), eventId: event.id, tokens };
  });
  const certificate = await testCertificate();
  provider = new FakeProvider({
    certificate,
    users: { [env.SMART_USER]: env.SMART_PASS },
    rejectRecipient: (address) =>
      address === REFUSED ? { code: 550, message: `5.7.1 Refused: http://localhost/i/${seeded.tokens[REFUSED]} is on a blocklist` } : null,
  });
  await provider.start();
  app = await startApp(dir, {
    ...env,
    SMART_HOST: `127.0.0.1:${provider.port}`,
    SMART_TLS_CA: certificate.cert,
    DKIM_DOMAIN: "example.test",
    DKIM_SELECTOR: "fi",
    RELAY_RETRY_BASE_MS: "100",
    OUTBOX_INTERVAL_MS: "500",
  });
  db = openDatabase(join(dir, "app.db"));
}, START_MS);

afterAll(async () => {
  db?.$client.close();
  await app?.stop();
  await provider?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const request = (path: string, init: RequestInit = {}) => fetch(`${app.origin}${path}`, { redirect: "manual", ...init });

/** A body sent in chunks, so no Content-Length tells the server its size in advance. */
function chunked(bytes: number): RequestInit {
  const chunk = new Uint8Array(1024).fill(120);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { method: "POST", body, duplex: "half" } as RequestInit;
}

describe("request bodies over a route's limit", () => {
  const guestRow = (email: string) => db.select().from(guests).all().find((g) => g.email === email)!;

  it("are refused with 413 and one plain line, whether their length is declared or not", async () => {
    const relay = { authorization: `Bearer ${env.RELAY_SECRET}`, "content-type": "application/json" };
    const tooLarge = async (response: Response, limit: string) => {
      expect(response.status).toBe(413);
      expect(await response.text()).toBe(`Request body too large: the limit here is ${limit}.\n`);
    };

    await tooLarge(await request("/api/relay/status", { method: "POST", headers: relay, body: `[${" ".repeat(1024 * 1024)}]` }), "1 MB");
    await tooLarge(await request("/api/relay/status", { ...chunked(1024 * 1024 + 1024), headers: relay }), "1 MB");

    const ada = seeded.tokens["ada@example.org"];
    const oneClick = { "content-type": "application/x-www-form-urlencoded" };
    await tooLarge(await request(`/u/${ada}`, { method: "POST", headers: oneClick, body: `List-Unsubscribe=One-Click&pad=${"x".repeat(9 * 1024)}` }), "8 KB");
    await tooLarge(await request(`/u/${ada}`, { ...chunked(9 * 1024), headers: oneClick }), "8 KB");
    expect(guestRow("ada@example.org").unsubscribedAt).toBeNull();

    // The guest's answer form says so on its own page, and saves nothing.
    for (const oversized of [
      { method: "POST", headers: oneClick, body: `answer=yes&note=${"x".repeat(17 * 1024)}` },
      { ...chunked(17 * 1024), headers: oneClick },
    ]) {
      const answer = await request(`/i/${ada}`, oversized as RequestInit);
      expect(answer.status).toBe(413);
      expect(await answer.text()).toContain("The answer is too long");
    }
    expect(guestRow("ada@example.org").answer).toBeNull();

    const signInForm = new URLSearchParams({ email: HOST, csrfToken: "x", callbackUrl: "/events", pad: "x".repeat(17 * 1024) });
    await tooLarge(await request("/api/auth/signin/nodemailer", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: signInForm }), "16 KB");

    // Within the limits the same routes still work.
    const report = await request("/api/relay/status", { method: "POST", headers: relay, body: "[]" });
    expect(await report.json()).toEqual({ applied: 0 });
  });
});

// Last in the file: it stops the app, so that the log holds everything the processes printed.
describe("the logs", () => {
  /** Everything the launcher, `next start` and the relay printed: one file, as under a service manager. */
  const logText = () =>
    readdirSync(dir)
      .filter((f) => /^launcher-\d+\.log$/.test(f))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");

  const cookieValue = (response: Response, name: string) =>
    response.headers.getSetCookie().map((c) => new RegExp(`^${name.replace(/\./g, "\\.")}=([^;]*)`).exec(c)?.[1]).find(Boolean) ?? "";

  async function mailTo(address: string) {
    await vi.waitFor(() => expect(provider.received.some((m) => m.to.includes(address))).toBe(true), { timeout: 20_000 });
    return simpleParser(provider.received.find((m) => m.to.includes(address))!.raw);
  }

  it("never show a token, a link, a cookie or a secret, whatever was asked of the app", async () => {
    const seen: Record<string, string> = {};

    // A sign-in link asked for the way Auth.js's own form asks, then followed, reused and forged.
    const csrf = await request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = cookieValue(csrf, "authjs.csrf-token");
    Object.assign(seen, { csrfToken, csrfCookie });
    const asked = await request("/api/auth/signin/nodemailer", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `authjs.csrf-token=${csrfCookie}` },
      body: new URLSearchParams({ email: HOST, csrfToken, callbackUrl: "/events" }),
    });
    expect(asked.headers.get("location")).toContain("/api/auth/verify-request");
    seen.verificationTokenHash = db.select().from(verificationTokens).get()!.token;
    const signInMail = await mailTo(HOST);
    const link = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\?[^\s\]>"]+/.exec(signInMail.text ?? "")![0];
    seen.signInLink = link;
    seen.signInToken = new URL(link).searchParams.get("token")!;
    const followed = await request(new URL(link).pathname + new URL(link).search);
    seen.sessionCookie = cookieValue(followed, "authjs.session-token");
    expect(seen.sessionCookie).not.toBe("");
    expect((await request(new URL(link).pathname + new URL(link).search)).headers.get("location")).toContain("error=Verification");
    const forged = new URL(link);
    forged.searchParams.set("token", newSecret());
    seen.forgedToken = forged.searchParams.get("token")!;
    expect((await request(forged.pathname + forged.search)).headers.get("location")).toContain("error=Verification");

    // The host's pages, with the seeded session and with the one the link made.
    expect((await request(`/events/${seeded.eventId}`, { headers: { cookie: seeded.hostCookie } })).status).toBe(200);
    expect((await request("/events", { headers: { cookie: `authjs.session-token=${seen.sessionCookie}` } })).status).toBe(200);

    // Guests' links: the RSVP page, a link nobody has, the unsubscribe page and its one-click post.
    const ada = seeded.tokens["ada@example.org"];
    const bob = seeded.tokens["bob@example.org"];
    seen.unknownToken = newGuestToken();
    expect((await request(`/i/${ada}`)).status).toBe(200);
    expect((await request(`/i/${seen.unknownToken}`)).status).toBe(404);
    expect((await request(`/u/${bob}`)).status).toBe(200);
    const oneClick = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" };
    expect((await request(`/u/${bob}`, oneClick)).status).toBe(200);
    expect((await request(`/u/${seen.unknownToken}`, oneClick)).status).toBe(404);
    // Over Next's own 10 MB buffer for requests through the proxy: Next logs the path.
    const huge = await request(`/u/${ada}`, { method: "POST", body: new Uint8Array(10 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);

    // A forged delivery report, with no secret and with a wrong one.
    const report = JSON.stringify([{ messageId: "<x@example.test>", state: "bounced", detail: "forged", at: Date.now() }]);
    expect((await request("/api/relay/status", { method: "POST", body: report })).status).toBe(401);
    expect((await request("/api/relay/status", { method: "POST", headers: { authorization: `Bearer ${newSecret()}` }, body: report })).status).toBe(401);

    // The invitations went out signed, the refusal came back, and the relay reported both to the app.
    const invitation = await mailTo("ada@example.org");
    expect(invitation.headers.has("dkim-signature")).toBe(true);
    await vi.waitFor(
      () => {
        const delivery = Object.fromEntries(db.select().from(outbox).all().filter((m) => m.kind === "invitation").map((m) => [m.toAddress, m.delivery]));
        expect(delivery).toMatchObject({ "ada@example.org": "relayed", [REFUSED]: "bounced" });
      },
      { timeout: 20_000 },
    );
    // The relay writes its last lines on the way out.
    await app.stop();

    const secrets: Record<string, string> = {
      ...seen,
      AUTH_SECRET: env.AUTH_SECRET,
      RELAY_SECRET: env.RELAY_SECRET,
      SMART_PASS: env.SMART_PASS,
    };
    // Any line of the key's body would give part of it away.
    env.DKIM_PRIVATE_KEY.split("\n")
      .filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line))
      .forEach((line, i) => (secrets[`DKIM_PRIVATE_KEY line ${i + 1}`] = line));
    for (const g of db.select().from(guests).all()) secrets[`guest token of ${g.email}`] = g.token;
    for (const [i, s] of db.select().from(sessions).all().entries()) secrets[`session token ${i + 1}`] = s.sessionToken;
    for (const [i, m] of provider.received.entries()) {
      const text = (await simpleParser(m.raw)).text ?? "";
      for (const [j, [url]] of [...text.matchAll(/https?:\/\/[^\s\]>"]+\/(?:i|u|api\/auth\/callback)\/[^\s\]>"]+/g)].entries()) secrets[`link ${j + 1} in mail ${i + 1}`] = url;
    }
    for (const [name, value] of Object.entries(secrets)) expect(value.length, name).toBeGreaterThanOrEqual(16);
    expect(Object.keys(secrets).filter((name) => name.startsWith("session token"))).toHaveLength(2);
    // At least Ada's invitation and the sign-in email (Bob's may have been stopped by his unsubscribe).
    expect(Object.keys(secrets).filter((name) => name.startsWith("link ")).length).toBeGreaterThanOrEqual(2);

    const log = logText();
    expect(Object.keys(secrets).filter((name) => log.includes(secrets[name]))).toEqual([]);
    expect(log).not.toMatch(/[?&]token=(?!\[redacted\])/);
    expect(log).not.toMatch(/Bearer (?!\[redacted\])/);
    // What a healthy run prints, from each of the three processes: proof the log is the right one.
    for (const line of [
      "start: FastInviter on",
      "relay: listening on",
      "relay: accepted message",
      "relayed: 250",
      // The provider's refusal, with the guest's link it quoted hidden.
      "bounced: 550 5.7.1 Refused: http://localhost/i/[redacted] is on a blocklist",
      "auth: a used or expired sign-in link was opened",
      "relay: stopped",
    ]) {
      expect(log).toContain(line);
    }
    // Next's line about the 10 MB post, with the guest's token hidden.
    expect(log).toContain("/u/[redacted]");
  }, 90_000);
});
