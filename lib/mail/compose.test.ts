import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox, type OutboxRow } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { composeMail, outboxMessageId } from "./compose";
import { enqueueMail } from "./outbox";

const ctx = { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" };
let t: TestDb;
let host: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace Hopper");
});
afterEach(() => t.close());

function setUp(overrides: Record<string, string> = {}) {
  const event = addEvent(t.db, host, { rsvpDeadline: "2026-12-18T18:00", ...overrides });
  addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
  const guest = t.db.select().from(guests).where(eq(guests.eventId, event.id)).get()!;
  return { event, guest };
}
const rowsOf = (kind: OutboxRow["kind"]) => t.db.select().from(outbox).where(eq(outbox.kind, kind)).all();

describe("composeMail", () => {
  it("writes the invitation from the event as it is now, with the guest's own link and times in the event's zone", async () => {
    const { event, guest } = setUp();
    sendInvites(t.db, host, event.id);
    const [row] = rowsOf("invitation");
    const mail = await composeMail(t.db, row, ctx);
    expect(mail).toMatchObject({ from: ctx.mailFrom, to: "ada@example.org", subject: "Grace Hopper invites you: Winter solstice dinner", replyTo: "grace@example.org" });
    expect(mail!.text).toContain(`http://localhost:3000/i/${guest.token}?answer=yes`);
    expect(mail!.text).toMatch(/21 Dec 2026, 19:00 – 23:00 CET/);
    expect(mail!.text).toMatch(/Please answer by .*18 Dec 2026, 18:00 CET/);
  });

  it("lets mail clients unsubscribe the guest in one click from an invitation (RFC 8058), and says how in the footer", async () => {
    const { event, guest } = setUp();
    sendInvites(t.db, host, event.id);
    const mail = await composeMail(t.db, rowsOf("invitation")[0], ctx);
    const link = `http://localhost:3000/u/${guest.token}`;
    expect(mail?.headers).toEqual({ "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(`href="${link}"`);
  });

  it("leaves the unsubscribe headers off the confirmation of the guest's own answer", async () => {
    const { guest } = setUp();
    recordRsvp(t.db, guest.token, { answer: "yes", note: "" }, new Date("2026-12-01T00:00:00Z"));
    const mail = await composeMail(t.db, rowsOf("rsvp_confirmation")[0], ctx);
    expect(mail?.headers).toBeUndefined();
  });

  it("attaches the calendar file to a yes, not to a no", async () => {
    const { guest } = setUp();
    recordRsvp(t.db, guest.token, { answer: "yes", note: "" }, new Date("2026-12-01T00:00:00Z"));
    recordRsvp(t.db, guest.token, { answer: "no", note: "" }, new Date("2026-12-01T00:00:00Z"));
    const [yes, no] = rowsOf("rsvp_confirmation");
    const yesMail = await composeMail(t.db, yes, ctx);
    expect(yesMail?.subject).toBe("You're going: Winter solstice dinner");
    expect(yesMail?.attachments).toHaveLength(1);
    expect(yesMail?.attachments?.[0]).toMatchObject({ filename: "winter-solstice-dinner.ics", contentType: expect.stringMatching(/^text\/calendar/) });
    expect(yesMail?.attachments?.[0].content).toContain("DTSTART:20261221T180000Z");
    const noMail = await composeMail(t.db, no, ctx);
    expect(noMail?.subject).toBe("You're not going: Winter solstice dinner");
    expect(noMail?.attachments).toBeUndefined();
  });

  it("tells the host who answered what, with a link to the event", async () => {
    const { event, guest } = setUp();
    recordRsvp(t.db, guest.token, { answer: "maybe", note: "Trains" }, new Date("2026-12-01T00:00:00Z"));
    const mail = await composeMail(t.db, rowsOf("host_notification")[0], ctx);
    expect(mail).toMatchObject({ to: "grace@example.org", subject: "Ada answered Maybe: Winter solstice dinner", replyTo: "ada@example.org" });
    expect(mail!.text).toContain(`http://localhost:3000/events/${event.id}`);
    expect(mail!.text).toContain("Trains");
  });

  it("has nothing to send once the guest is gone, or for a sign-in without a link", async () => {
    const { event, guest } = setUp();
    sendInvites(t.db, host, event.id);
    const [row] = rowsOf("invitation");
    t.db.delete(guests).where(eq(guests.id, guest.id)).run();
    expect(await composeMail(t.db, row, ctx)).toBeNull();
    const signin = enqueueMail(t.db, { kind: "signin", toAddress: "grace@example.org" });
    expect(await composeMail(t.db, t.db.select().from(outbox).where(eq(outbox.id, signin)).get()!, ctx)).toBeNull();
  });
});

describe("outboxMessageId", () => {
  it("is the same for every attempt at one message and differs between messages", () => {
    const createdAt = new Date("2026-12-01T10:00:00Z");
    const id = outboxMessageId({ id: 7, createdAt }, ctx.mailFrom);
    expect(id).toMatch(/^<[^<>@\s]+@example\.test>$/);
    expect(outboxMessageId({ id: 7, createdAt }, ctx.mailFrom)).toBe(id);
    expect(outboxMessageId({ id: 8, createdAt }, ctx.mailFrom)).not.toBe(id);
  });
});
