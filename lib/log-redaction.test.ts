import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newGuestToken, newSecret } from "./tokens";
import { redactConsole, redactSecrets } from "./log-redaction";

describe("redactSecrets", () => {
  it("hides guest links, sign-in tokens, bearer secrets, session cookies and URL passwords", () => {
    const guest = newGuestToken();
    const signIn = newSecret();
    const secret = newSecret();
    const lines = [
      `Request body exceeded 10 MB for /u/${guest}. Only the first 10 MB will be available`,
      `GET /i/${guest}/event.ics 200`,
      `http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=%2Fevents&token=${signIn}&email=a%40example.org`,
      `authorization: Bearer ${secret}`,
      `cookie: authjs.csrf-token=${secret}%7Cabc; authjs.session-token=${signIn}`,
      `connect smtp://relay:${secret}@127.0.0.1:2525 failed`,
    ];
    const redacted = lines.map(redactSecrets);
    for (const value of [guest, signIn, secret]) expect(redacted.join("\n")).not.toContain(value);
    expect(redacted).toEqual([
      "Request body exceeded 10 MB for /u/[redacted]. Only the first 10 MB will be available",
      "GET /i/[redacted]/event.ics 200",
      "http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=%2Fevents&token=[redacted]&email=a%40example.org",
      "authorization: Bearer [redacted]",
      "cookie: authjs.csrf-token=[redacted]; authjs.session-token=[redacted]",
      "connect smtp://relay:[redacted]@127.0.0.1:2525 failed",
    ]);
  });

  it("hides a private key", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim();
    expect(redactSecrets(`DKIM key: ${pem}.`)).toBe("DKIM key: [redacted] private key.");
  });

  it("leaves ordinary lines alone", () => {
    for (const line of [
      "relay: accepted message 12 for 3 recipient(s), 5120 bytes",
      "start: FastInviter on http://localhost:3000 (mailbox: http://localhost:3000/dev/mailbox)",
      "GET /events/0c3f6a1e-0d7a-4c1e-9a55-1f1f2a3b4c5d 200",
      "relay: message 4 to ada@example.org relayed: 250 2.0.0 Ok: queued as FAKE1",
    ]) {
      expect(redactSecrets(line)).toBe(line);
    }
  });
});

describe("redactConsole", () => {
  const saved = { ...console };
  afterEach(() => {
    Object.assign(console, saved);
    delete (globalThis as { fastinviterConsoleRedacted?: boolean }).fastinviterConsoleRedacted;
  });

  it("redacts what the process prints, errors included, and passes clean lines through untouched", () => {
    const printed: unknown[][] = [];
    for (const level of ["log", "warn", "error"] as const) console[level] = (...args: unknown[]) => void printed.push(args);
    redactConsole();
    redactConsole();
    const guest = newGuestToken();
    const error = new Error("no page", { cause: new Error(`for /i/${guest}`) });

    console.warn("Request body exceeded %s for %s", "10 MB", `/u/${guest}`);
    console.error(error);
    console.log("relay: stopped", 3);

    expect(printed).toHaveLength(3);
    expect(printed[0]).toEqual(["Request body exceeded 10 MB for /u/[redacted]"]);
    expect(printed[1]).toEqual([expect.stringContaining("/i/[redacted]")]);
    expect(JSON.stringify(printed)).not.toContain(guest);
    expect(printed[2]).toEqual(["relay: stopped", 3]);
  });

  it("is installed once however often it is called", () => {
    const spy = vi.fn();
    console.log = spy;
    redactConsole();
    redactConsole();
    console.log(`/u/${newGuestToken()}`);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith("/u/[redacted]");
  });
});
