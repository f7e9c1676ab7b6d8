import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests } from "@/db/schema";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { drainOutbox } from "@/lib/mail/drain";
import { createRelayTransport, type RelayTransport } from "@/lib/mail/transport";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { receivedMail, startTestRelay, type TestRelay } from "@/tests/support/relay";

const appUrl = "http://localhost:3000";
const mailFrom = "FastInviter <invites@example.test>";

let t: TestDb;
let relay: TestRelay;
let transport: RelayTransport;

beforeEach(async () => {
  t = openTestDb();
  relay = await startTestRelay(t.dir);
  transport = createRelayTransport(relay.url);
});
afterEach(async () => {
  transport.close();
  await relay.close();
  t.close();
});

const drain = () => drainOutbox({ db: t.db, transport, appUrl, mailFrom });

describe("invitations over SMTP", () => {
  it("delivers one personal invitation per guest to the relay and marks them sent", async () => {
    const host = addHost(t.db, "grace@example.org", "Grace");
    const event = addEvent(t.db, host, { title: "Winter solstice dinner" });
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>\nAlan <alan@example.org>\nLinus <linus@example.org>");
    expect(sendInvites(t.db, host, event.id)).toBe(3);

    expect(await drain()).toEqual({ sent: 3, failed: 0 });

    const mail = await receivedMail(relay.store);
    expect(mail).toHaveLength(3);
    const tokens = new Map(t.db.select().from(guests).all().map((g) => [g.email, g.token]));
    for (const message of mail) {
      const [to] = message.rcptTo;
      expect(message.rcptTo).toHaveLength(1);
      expect(message.to && "text" in message.to ? message.to.text : "").toBe(to);
      expect(message.from?.text).toBe(`"FastInviter" <invites@example.test>`);
      expect(message.subject).toContain("Winter solstice dinner");
      expect(message.text).toContain(`${appUrl}/i/${tokens.get(to)}`);
      expect(message.html).toContain(`href="${appUrl}/i/${tokens.get(to)}?answer=yes"`);
      expect(message.messageId).toMatch(/^<[^<>\s]+@example\.test>$/);
      const header = (key: string) => message.headerLines.find((h) => h.key === key)?.line.replace(/\r\n/g, "");
      expect(header("list-unsubscribe")).toBe(`List-Unsubscribe: <${appUrl}/u/${tokens.get(to)}>`);
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      // No other guest's link leaks into this guest's message.
      for (const [email, token] of tokens) if (email !== to) expect(message.text).not.toContain(token);
    }
    expect(mail.map((m) => m.rcptTo[0]).sort()).toEqual(["ada@example.org", "alan@example.org", "linus@example.org"]);
    expect(new Set(mail.map((m) => m.messageId)).size).toBe(3);
    expect(listGuests(t.db, event.id).map((g) => g.stage)).toEqual(["accepted", "accepted", "accepted"]);
  });

  it("sends the guest a confirmation with the calendar file and tells the host", async () => {
    const host = addHost(t.db, "grace@example.org", "Grace");
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
    const ada = t.db.select().from(guests).where(eq(guests.eventId, event.id)).get()!;
    expect(recordRsvp(t.db, ada.token, { answer: "yes", note: "Bringing pie" })).toBe("recorded");

    expect(await drain()).toEqual({ sent: 2, failed: 0 });

    const mail = await receivedMail(relay.store);
    const confirmation = mail.find((m) => m.rcptTo[0] === "ada@example.org")!;
    expect(confirmation.subject).toBe("You're going: Winter solstice dinner");
    expect(confirmation.attachments).toHaveLength(1);
    const [ics] = confirmation.attachments;
    expect(ics.contentType).toBe("text/calendar");
    expect(ics.filename).toBe("winter-solstice-dinner.ics");
    const calendar = ics.content.toString("utf8");
    expect(calendar).toContain(`UID:${event.id}@fastinviter`);
    expect(calendar).toContain("DTSTART:20261221T180000Z");

    const notice = mail.find((m) => m.rcptTo[0] === "grace@example.org")!;
    expect(notice.subject).toBe("Ada answered Yes: Winter solstice dinner");
    expect(notice.text).toContain("Bringing pie");
    expect(notice.attachments).toEqual([]);
  });
});
