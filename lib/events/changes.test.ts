import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { events, guests, outbox } from "@/db/schema";
import { unsubscribeGuest } from "@/lib/guests/unsubscribe";
import { sendInvites } from "@/lib/invitations/invitations";
import { composeMail } from "@/lib/mail/compose";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, eventInput, openTestDb, type TestDb } from "@/tests/support/db";
import { queueDueReminders } from "@/lib/reminders/reminders";
import { describeChanges, previewChanges, saveEvent, startDayChanged } from "./changes";
import { wallTimeToInstant } from "./time";

let t: TestDb;
let host: string;
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
});
afterEach(() => t.close());

const guest = (email: string) => t.db.select().from(guests).where(eq(guests.email, email)).get()!;
const changeMail = () => t.db.select().from(outbox).where(eq(outbox.kind, "event_change")).all();

function invitedEvent() {
  const event = addEvent(t.db, host, { startsAt: "2026-12-21T19:00", endsAt: "2026-12-21T23:00", locationAddress: "12 Rue des Lilas" });
  addGuestList(t.db, host, event.id, "Ada <ada@example.org>\nBob <bob@example.org>\nCy <cy@example.org>\nNew <new@example.org>");
  sendInvites(t.db, host, event.id);
  addGuestList(t.db, host, event.id, "Late <late@example.org>");
  recordRsvp(t.db, guest("ada@example.org").token, { answer: "yes", note: "" });
  recordRsvp(t.db, guest("bob@example.org").token, { answer: "no", note: "" });
  unsubscribeGuest(t.db, guest("new@example.org").token);
  return event;
}

describe("describeChanges", () => {
  it("names the time and place as they were and are, and nothing else", () => {
    const event = invitedEvent();
    const moved = eventInput({ title: "A new title", startsAt: "2026-12-22T19:00", endsAt: "2026-12-22T23:00", locationAddress: "" });
    expect(describeChanges(event, moved)).toEqual([
      { what: "When", from: "Mon, 21 Dec 2026, 19:00 – 23:00 CET (Europe/Paris)", to: "Tue, 22 Dec 2026, 19:00 – 23:00 CET (Europe/Paris)" },
      { what: "Where", from: "12 Rue des Lilas", to: "(none)" },
    ]);
    expect(describeChanges(event, eventInput({ startsAt: "2026-12-21T19:00", endsAt: "2026-12-21T23:00", locationAddress: "12 Rue des Lilas", title: "Renamed" }))).toEqual([]);
  });

  it("says when the start moved to another day in the event's zone", () => {
    const event = invitedEvent();
    expect(startDayChanged(event, eventInput({ startsAt: "2026-12-21T21:00", endsAt: "2026-12-21T23:00" }))).toBe(false);
    expect(startDayChanged(event, eventInput({ startsAt: "2026-12-22T19:00", endsAt: "2026-12-22T23:00" }))).toBe(true);
  });
});

describe("saving an edit", () => {
  const moved = () => eventInput({ startsAt: "2026-12-22T19:00", endsAt: "2026-12-22T23:00", locationAddress: "12 Rue des Lilas" });

  it("previews who would be told: invited, still subscribed guests, and how many said yes", () => {
    const event = invitedEvent();
    expect(previewChanges(t.db, host, event.id, moved())).toMatchObject({ guests: 3, yes: 1, reconfirm: true, changes: [{ what: "When" }] });
    expect(previewChanges(t.db, addHost(t.db, "intruder@example.org"), event.id, moved())).toBeNull();
  });

  it("tells them in the same transaction and asks the Yes guest to confirm the new day", async () => {
    const event = invitedEvent();
    expect(saveEvent(t.db, host, event.id, moved(), true)).toEqual({ told: 3 });
    expect(changeMail().map((m) => [m.toAddress, m.payload.reconfirm]).sort()).toEqual([
      ["ada@example.org", true],
      ["bob@example.org", false],
      ["cy@example.org", false],
    ]);
    expect(guest("ada@example.org").reconfirmRequestedAt).not.toBeNull();
    expect(guest("ada@example.org").lastNoticeId).toBe(changeMail().find((m) => m.toAddress === "ada@example.org")!.id);
    expect(guest("bob@example.org").reconfirmRequestedAt).toBeNull();
    const sequence = t.db.select({ s: events.sequence }).from(events).get()!.s;
    expect(sequence).toBe(1);

    // The email says what changed and asks Ada again; its calendar file updates the same entry.
    const mail = await composeMail(t.db, changeMail().find((m) => m.toAddress === "ada@example.org")!, { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
    expect(mail!.subject).toBe("Please confirm again: Winter solstice dinner has moved");
    expect(mail!.text).toContain("Tue, 22 Dec 2026, 19:00 – 23:00 CET (Europe/Paris) (was Mon, 21 Dec 2026, 19:00 – 23:00 CET (Europe/Paris))");
    expect(mail!.text).toContain(`/i/${guest("ada@example.org").token}?answer=yes`);
    expect(mail!.attachments![0].content).toMatch(/SEQUENCE:1/);
    expect(mail!.headers!["List-Unsubscribe"]).toContain("/u/");

    // Answering again clears the request.
    recordRsvp(t.db, guest("ada@example.org").token, { answer: "yes", note: "Still coming" });
    expect(guest("ada@example.org").reconfirmRequestedAt).toBeNull();
  });

  it("saves without telling anyone when the host says so, and tells nobody of a mere new title", () => {
    const event = invitedEvent();
    expect(saveEvent(t.db, host, event.id, moved(), false)).toEqual({ told: 0 });
    expect(saveEvent(t.db, host, event.id, { ...moved(), title: "Renamed" }, true)).toEqual({ told: 0 });
    expect(changeMail()).toEqual([]);
    expect(guest("ada@example.org").reconfirmRequestedAt).toBeNull();
  });

  it("re-arms a reminder already sent when the event moves and its new time is still ahead", () => {
    const at = (wall: string) => wallTimeToInstant(wall, "Europe/Paris")!;
    const event = addEvent(t.db, host, { startsAt: "2036-06-21T19:00", endsAt: "2036-06-21T23:00" });
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
    sendInvites(t.db, host, event.id);
    recordRsvp(t.db, guest("ada@example.org").token, { answer: "yes", note: "" }, at("2036-06-01T10:00"));
    expect(queueDueReminders(t.db, at("2036-06-20T19:00"))).toBe(1);
    // A week later: the reminder goes again the day before the new date, and not before.
    saveEvent(t.db, host, event.id, eventInput({ startsAt: "2036-06-28T19:00", endsAt: "2036-06-28T23:00" }), false, at("2036-06-20T20:00"));
    expect(guest("ada@example.org").attendeeRemindedAt).toBeNull();
    expect(queueDueReminders(t.db, at("2036-06-21T19:00"))).toBe(0);
    expect(queueDueReminders(t.db, at("2036-06-27T19:00"))).toBe(1);
    // A change that leaves the reminder's time alone does not send it twice.
    saveEvent(t.db, host, event.id, eventInput({ startsAt: "2036-06-28T19:00", endsAt: "2036-06-28T23:00", title: "Renamed" }), false, at("2036-06-27T20:15"));
    expect(queueDueReminders(t.db, at("2036-06-27T20:30"))).toBe(0);
  });
});
