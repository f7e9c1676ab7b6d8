import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox, type Event } from "@/db/schema";
import { cancelEvent } from "@/lib/events/cancel";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { composeMail } from "@/lib/mail/compose";
import { LIMITS } from "@/lib/rate-limit";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { AUDIENCES, audienceCounts, audienceSize, messageFormSchema, sendGuestMessage, type MessageInput } from "./messages";

let t: TestDb;
let host: string;
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace Hopper");
});
afterEach(() => t.close());

const guestByEmail = (email: string) => t.db.select().from(guests).where(eq(guests.email, email)).get()!;
const answer = (email: string, a: "yes" | "no" | "maybe") => expect(recordRsvp(t.db, guestByEmail(email).token, { answer: a, note: "" })).toBe("recorded");
const messages = (eventId: string) => t.db.select().from(outbox).where(and(eq(outbox.eventId, eventId), eq(outbox.kind, "message"))).all();
const input = (overrides: Partial<MessageInput> = {}): MessageInput => ({ audience: "all", subject: "Parking", body: "Park behind the school.", ...overrides });

/**
 * Six guests: yes, maybe, no, one who has not answered, one unsubscribed (who said yes),
 * and one added after the invitations went (never invited).
 */
function party(): Event {
  const event = addEvent(t.db, host);
  addGuestList(t.db, host, event.id, ["yes@example.org", "maybe@example.org", "no@example.org", "quiet@example.org", "off@example.org"].join("\n"));
  sendInvites(t.db, host, event.id);
  addGuestList(t.db, host, event.id, "late@example.org");
  answer("yes@example.org", "yes");
  answer("maybe@example.org", "maybe");
  answer("no@example.org", "no");
  answer("off@example.org", "yes");
  t.db.update(guests).set({ unsubscribedAt: new Date() }).where(eq(guests.email, "off@example.org")).run();
  return event;
}

describe("who a message reaches", () => {
  it("counts each audience among invited guests who did not unsubscribe, the same on the page as when sending", () => {
    const event = party();
    const expected = { all: 4, yes: 1, maybe: 1, unanswered: 1 };
    const rows = listGuests(t.db, event.id).map((g) => ({ ...g, invited: g.stage !== "not_invited" }));
    expect(audienceCounts(rows)).toEqual(expected);
    for (const audience of AUDIENCES) expect(audienceSize(t.db, event.id, audience), audience).toBe(expected[audience]);
  });

  it("leaves a Yes still waiting for a place out of those who said yes, on the page and when sending", () => {
    const event = addEvent(t.db, host, { capacity: "1" });
    addGuestList(t.db, host, event.id, "first@example.org\nwaiting@example.org");
    sendInvites(t.db, host, event.id);
    answer("first@example.org", "yes");
    expect(recordRsvp(t.db, guestByEmail("waiting@example.org").token, { answer: "yes", note: "" })).toBe("waitlisted");
    const rows = listGuests(t.db, event.id).map((g) => ({ ...g, invited: g.stage !== "not_invited" }));
    expect(audienceCounts(rows).yes).toBe(1);
    expect(audienceSize(t.db, event.id, "yes")).toBe(1);
    expect(audienceSize(t.db, event.id, "all")).toBe(2);
  });

  it("queues one message per guest in the audience and points each guest's row at theirs", () => {
    const event = party();
    expect(sendGuestMessage(t.db, host, event.id, input({ audience: "unanswered" }))).toEqual({ sent: 1 });
    expect(sendGuestMessage(t.db, host, event.id, input({ audience: "all", subject: "Menu" }))).toEqual({ sent: 4 });
    const sent = messages(event.id);
    expect(sent.filter((m) => m.payload.subject === "Parking").map((m) => m.toAddress)).toEqual(["quiet@example.org"]);
    expect(sent.filter((m) => m.payload.subject === "Menu").map((m) => m.toAddress).sort()).toEqual(["maybe@example.org", "no@example.org", "quiet@example.org", "yes@example.org"]);
    expect(sent[0].payload).toEqual({ subject: "Parking", body: "Park behind the school." });
    // Nothing to the unsubscribed guest, nor to the one never invited.
    expect(sent.some((m) => m.toAddress === "off@example.org" || m.toAddress === "late@example.org")).toBe(false);
    for (const m of sent.filter((m) => m.payload.subject === "Menu")) expect(guestByEmail(m.toAddress).lastNoticeId).toBe(m.id);
    const row = listGuests(t.db, event.id).find((g) => g.email === "quiet@example.org")!;
    expect(row.notice).toMatchObject({ kind: "message", stage: "queued" });
    expect(guestByEmail("off@example.org").lastNoticeId).toBeNull();
  });

  it("sends to Yes or Maybe guests only when asked", () => {
    const event = party();
    expect(sendGuestMessage(t.db, host, event.id, input({ audience: "yes" }))).toEqual({ sent: 1 });
    expect(sendGuestMessage(t.db, host, event.id, input({ audience: "maybe" }))).toEqual({ sent: 1 });
    expect(messages(event.id).map((m) => m.toAddress)).toEqual(["yes@example.org", "maybe@example.org"]);
  });

  it("refuses a cancelled event, an empty audience and another host, queuing nothing", () => {
    const event = party();
    const other = addHost(t.db, "mallory@example.org");
    expect(sendGuestMessage(t.db, other, event.id, input())).toBeNull();
    const empty = addEvent(t.db, host, { title: "Nobody yet" });
    addGuestList(t.db, host, empty.id, "uninvited@example.org");
    expect(sendGuestMessage(t.db, host, empty.id, input())).toEqual({ refused: "nobody" });
    cancelEvent(t.db, host, event.id, "");
    expect(sendGuestMessage(t.db, host, event.id, input())).toEqual({ refused: "cancelled" });
    expect(t.db.select().from(outbox).where(eq(outbox.kind, "message")).all()).toHaveLength(0);
  });
});

describe("the messages rate limit", () => {
  it(`allows ${LIMITS.messagesPerHostHour.limit} messages per host an hour; the next is refused whole, and refusals use none of it`, () => {
    const event = party();
    const hour = 500_000 * 3_600_000;
    // A message to nobody is refused before it counts.
    expect(sendGuestMessage(t.db, host, event.id, input({ audience: "unanswered" }), new Date(hour))).toEqual({ sent: 1 });
    answer("quiet@example.org", "no");
    for (let i = 0; i < 3; i++) expect(sendGuestMessage(t.db, host, event.id, input({ audience: "unanswered" }), new Date(hour))).toEqual({ refused: "nobody" });
    for (let i = 1; i < LIMITS.messagesPerHostHour.limit; i++) expect(sendGuestMessage(t.db, host, event.id, input(), new Date(hour + i))).toEqual({ sent: 4 });
    expect(sendGuestMessage(t.db, host, event.id, input(), new Date(hour + 60_000))).toEqual({ refused: "rate_limited", retryAfterMs: 3_540_000 });
    expect(messages(event.id)).toHaveLength(1 + 4 * (LIMITS.messagesPerHostHour.limit - 1));
    // Another host has their own budget, and the next hour starts afresh.
    const other = addHost(t.db, "ada@example.org");
    const theirs = addEvent(t.db, other);
    addGuestList(t.db, other, theirs.id, "x@example.org");
    sendInvites(t.db, other, theirs.id);
    expect(sendGuestMessage(t.db, other, theirs.id, input(), new Date(hour + 60_000))).toEqual({ sent: 1 });
    expect(sendGuestMessage(t.db, host, event.id, input(), new Date(hour + 3_600_000))).toEqual({ sent: 4 });
  });
});

describe("the message form", () => {
  const parse = (values: Record<string, string>) => messageFormSchema.safeParse({ audience: "all", subject: "Parking", body: "Hello", ...values });
  const errorOf = (values: Record<string, string>) => {
    const parsed = parse(values);
    return parsed.success ? null : parsed.error.issues[0].message;
  };

  it("takes a one-line subject and a plain-text message, line breaks normalised", () => {
    expect(parse({ subject: "  Parking  ", body: "a\r\nb\rc\n" }).data).toEqual({ audience: "all", subject: "Parking", body: "a\nb\nc" });
    expect(parse({ audience: "unanswered" }).success).toBe(true);
  });

  it("says what is wrong with bad input", () => {
    expect(errorOf({ audience: "everyone-ever" })).toBe("Choose who gets the message");
    expect(errorOf({ subject: "" })).toBe("Give the message a subject");
    expect(errorOf({ subject: "Parking\r\nBcc: everyone@example.org" })).toBe("The subject must be a single line");
    expect(errorOf({ subject: "x".repeat(151) })).toBe("The subject must be at most 150 characters");
    expect(errorOf({ body: "   " })).toBe("Write the message");
    expect(errorOf({ body: "x".repeat(5_001) })).toBe("The message must be at most 5,000 characters");
    expect(errorOf({ body: "bell \u0007" })).toBe("The message contains characters that are not allowed");
    expect(errorOf({ body: "evil \u202E txt.exe" })).toBe("The message contains characters that are not allowed");
    expect(parse({ body: "x".repeat(5_000) }).success).toBe(true);
  });
});

describe("the message email", () => {
  const ctx = { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" };

  it("comes from the host's name on our address, replies reach the host, with the guest's link and one-click unsubscribe", async () => {
    const event = addEvent(t.db, host, { title: "Dinner <b>& co</b>" });
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
    sendInvites(t.db, host, event.id);
    sendGuestMessage(t.db, host, event.id, input({ subject: "Bring <script>alert(1)</script>", body: "Line one & <b>two</b>\nLine three" }));
    const [row] = messages(event.id);
    const guest = guestByEmail("ada@example.org");
    const mail = (await composeMail(t.db, row, ctx))!;
    expect(mail).toMatchObject({
      to: "ada@example.org",
      from: '"Grace Hopper via FastInviter" <invites@example.test>',
      replyTo: "grace@example.org",
      subject: "Bring <script>alert(1)</script> — Dinner <b>& co</b>",
    });
    const unsubscribeUrl = `http://localhost:3000/u/${guest.token}`;
    expect(mail.headers).toEqual({ "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    // Hostile text arrives as text: escaped in the HTML, as typed in the plain text.
    expect(mail.html).not.toMatch(/<script|<b>/);
    expect(mail.html).toContain("Bring &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("Line one &amp; &lt;b&gt;two&lt;/b&gt;<br/>Line three");
    expect(mail.text).toContain("Line one & <b>two</b>\nLine three");
    expect(mail.text).toContain("Grace Hopper wrote to the guests of Dinner <b>& co</b>");
    expect(mail.text).toContain(`http://localhost:3000/i/${guest.token}`);
    expect(mail.text).toContain(`No more emails about this event: ${unsubscribeUrl}`);
  });

  it("keeps a hostile host name inside the From header's quotes", async () => {
    const sly = addHost(t.db, "sly@example.org", 'Sly" <boss@example.org>, \\x');
    const event = addEvent(t.db, sly);
    addGuestList(t.db, sly, event.id, "ada@example.org");
    sendInvites(t.db, sly, event.id);
    sendGuestMessage(t.db, sly, event.id, input());
    const mail = (await composeMail(t.db, messages(event.id)[0], ctx))!;
    expect(mail.from).toBe('"Sly\\" <boss@example.org>, \\\\x via FastInviter" <invites@example.test>');
  });
});
