import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { releaseClaims } from "@/lib/mail/outbox";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { FakeProvider } from "@/tests/support/provider";
import { drainToRelay, receivedMail, startTestRelay, type TestRelay } from "@/tests/support/relay";

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "fastinviter-crash-"));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What the app does when it comes back: release the dead run's claims, then drain. */
async function restartAndDrain(db: Db, relayUrl: string): Promise<void> {
  releaseClaims(db);
  await drainToRelay(db, relayUrl);
}

/** Starts a process and resolves once a line of its output matches. */
function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => ready.test(l));
      if (line) resolve({ child, line });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
}

describe("crashes lose nothing", () => {
  it("a relay killed right after it answered 250 forwards the message after restart", async () => {
    const provider = new FakeProvider({});
    const providerPort = await freePort();
    const relayPort = await freePort();
    const env = {
      RELAY_LISTEN: `127.0.0.1:${relayPort}`,
      RELAY_DB: join(dir, "relay.db"),
      SMART_HOST: `127.0.0.1:${providerPort}`,
      SMART_TLS: "none",
      RELAY_RETRY_BASE_MS: "100",
      RELAY_SECRET: "",
    };
    const first = await startProcess(["lib/relay/main.ts"], env, /^relay: listening/);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: relayPort, ignoreTLS: true });
    const info = await transport.sendMail({ from: "invites@example.test", to: "ada@example.org", subject: "Survives", text: "x", messageId: "<survives@example.test>" });
    first.child.kill("SIGKILL");
    transport.close();
    expect(info.response).toMatch(/^250 /);

    await provider.start(providerPort);
    try {
      await startProcess(["lib/relay/main.ts"], env, /^relay: listening/);
      await vi.waitFor(() => expect(provider.received.map((m) => m.to)).toEqual([["ada@example.org"]]), { timeout: 15_000 });
      expect(provider.received[0].raw).toContain("Subject: Survives");
    } finally {
      await provider.stop();
    }
  });

  describe("an app killed after the send-invites response, before after() finished", () => {
    let t: TestDb;
    let relay: TestRelay;
    beforeEach(async () => {
      t = openTestDb();
      relay = await startTestRelay(dir, 1_500);
    });
    afterEach(async () => {
      await relay.close();
      t.close();
    });

    it("sends every invitation once after the restart", async () => {
      const host = addHost(t.db, "host@example.org");
      const event = addEvent(t.db, host);
      const guests = ["a", "b", "c", "d", "e", "f"].map((x) => `${x}@example.org`);
      addGuestList(t.db, host, event.id, guests.join("\n"));

      const app = await startProcess(["tests/support/app-process.ts", join(t.dir, "app.db"), relay.url, host, event.id], {}, /^responded/);
      expect(app.line).toBe("responded 6");
      // Kill it while it is handing mail to the (slow) relay.
      await vi.waitFor(() => expect(t.db.select().from(outbox).all().some((r) => r.state === "sending")).toBe(true), { timeout: 10_000 });
      app.child.kill("SIGKILL");
      await new Promise((resolve) => app.child.once("exit", resolve));
      expect(t.db.select().from(outbox).all().every((r) => r.state !== "sent")).toBe(true);

      await restartAndDrain(t.db, relay.url);
      // Messages the dead process had already handed over arrive late: wait for the relay.
      await vi.waitFor(async () => expect((await receivedMail(relay.store)).map((m) => m.rcptTo[0]).sort()).toEqual(guests), { timeout: 15_000 });
      expect(t.db.select().from(outbox).all().map((r) => r.state)).toEqual(Array(6).fill("sent"));
    });
  });
  describe("an app restarted in the middle of a bulk send of 1,000 invitations", () => {
    let t: TestDb;
    let relay: TestRelay;
    beforeEach(async () => {
      t = openTestDb();
      relay = await startTestRelay(dir);
    });
    afterEach(async () => {
      await relay.close();
      t.close();
    });

    it("loses none, and the relay keeps one copy of any handed over twice", async () => {
      const host = addHost(t.db, "host@example.org");
      const event = addEvent(t.db, host);
      const guests = Array.from({ length: 1_000 }, (_, i) => `guest${i}@example.org`);
      addGuestList(t.db, host, event.id, guests.join("\n"));

      const app = await startProcess(["tests/support/app-process.ts", join(t.dir, "app.db"), relay.url, host, event.id], {}, /^responded/);
      expect(app.line).toBe("responded 1000");
      await vi.waitFor(() => expect(relay.store.count()).toBeGreaterThan(100), { timeout: 30_000 });
      app.child.kill("SIGKILL");
      await new Promise((resolve) => app.child.once("exit", resolve));
      const handedBeforeCrash = relay.store.count();
      expect(handedBeforeCrash).toBeLessThan(1_000);

      await restartAndDrain(t.db, relay.url);
      const recipients = relay.store.newest(5_000).map((m) => m.rcptTo[0]);
      expect(recipients).toHaveLength(1_000);
      expect(new Set(recipients).size).toBe(1_000);
      expect(t.db.select().from(outbox).all().every((r) => r.state === "sent")).toBe(true);
    }, 90_000);
  });
});
