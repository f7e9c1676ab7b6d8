import nodemailer from "nodemailer";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestRelay, type TestRelay } from "@/tests/support/relay";
import { listMailbox, readMailboxMessage } from "./mailbox";
import { openRelayStore } from "./store";

let dir: string;
let relay: TestRelay;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "fastinviter-relay-"));
  relay = await startTestRelay(dir);
});
afterEach(async () => {
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(message: nodemailer.SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: relay.relay.port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ from: "invites@example.test", ...message });
  } finally {
    transport.close();
  }
}

describe("the relay", () => {
  it("listens on loopback only, on the port it was given", () => {
    const address = relay.relay.server.server.address() as AddressInfo;
    expect(address.address).toBe("127.0.0.1");
    expect(address.port).toBe(relay.relay.port);
    expect(relay.relay.port).toBeGreaterThan(0);
  });

  it("stores what it accepts with its envelope before answering", async () => {
    const info = await send({ to: "ada@example.org, alan@example.org", subject: "Hello", text: "Hi there" });
    expect(info.accepted).toEqual(["ada@example.org", "alan@example.org"]);
    expect(info.response).toMatch(/^250 .*Queued as \d+/);
    const [stored] = relay.store.newest(10);
    expect(relay.store.count()).toBe(1);
    expect(stored).toMatchObject({ mailFrom: "invites@example.test", rcptTo: ["ada@example.org", "alan@example.org"] });
    expect(stored.raw.toString()).toContain("Subject: Hello");
  });

  it("keeps accepted mail after it is closed and reopened", async () => {
    await send({ to: "ada@example.org", subject: "Kept", text: "x" });
    await relay.close();
    const reopened = openRelayStore(join(dir, "relay.db"));
    try {
      expect(reopened.count()).toBe(1);
      expect(reopened.newest(1)[0].rcptTo).toEqual(["ada@example.org"]);
    } finally {
      reopened.close();
      relay = await startTestRelay(dir); // for afterEach
    }
  });
});

describe("the dev mailbox", () => {
  it("lists the newest mail first and reads one back with its parts", async () => {
    await send({ to: "ada@example.org", subject: "First", text: "one" });
    await send({
      to: "alan@example.org",
      subject: "Second ✓",
      text: "two",
      html: "<p>two</p>",
      attachments: [{ filename: "event.ics", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", contentType: "text/calendar" }],
    });
    const path = join(dir, "relay.db");
    const list = await listMailbox(path);
    expect(list.map((m) => [m.to, m.subject])).toEqual([
      ["alan@example.org", "Second ✓"],
      ["ada@example.org", "First"],
    ]);
    const message = await readMailboxMessage(path, list[0].id);
    expect(message).toMatchObject({ subject: "Second ✓", to: "alan@example.org", html: expect.stringContaining("<p>two</p>") });
    expect(message?.text.trim()).toBe("two");
    expect(message?.attachments).toEqual([{ filename: "event.ics", contentType: "text/calendar", size: expect.any(Number) }]);
    expect(await readMailboxMessage(path, 9_999)).toBeNull();
  });

  it("is empty, not an error, before the relay has ever run", async () => {
    expect(await listMailbox(join(dir, "never-created.db"))).toEqual([]);
  });
});
