import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox } from "@/db/schema";
import { cancelEvent } from "@/lib/events/cancel";
import { wallTimeToInstant } from "@/lib/events/time";
import { unsubscribeGuest } from "@/lib/guests/unsubscribe";
import { sendInvites } from "@/lib/invitations/invitations";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { queueDueReminders, reminderAudience } from "./reminders";

let t: TestDb;
let host: string;
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
});
afterEach(() => t.close());

const paris = (wall: string) => wallTimeToInstant(wall, "Europe/Paris")!;
const tokenOf = (email: string) => t.db.select().from(guests).where(eq(guests.email, email)).get()!.token;
const reminders = () => t.db.select().from(outbox).where(eq(outbox.kind, "reminder")).all();

/** Starts 21 Dec 19:00 Paris, answers close 18 Dec 18:00: reminders 16 Dec 18:00 (48 h) and 20 Dec 19:00 (24 h). */
function invitedEvent(overrides: Record<string, string> = {}) {
  const event = addEvent(t.db, host, { startsAt: "2036-12-21T19:00", endsAt: "2036-12-21T23:00", rsvpDeadline: "2036-12-18T18:00", ...overrides });
  addGuestList(t.db, host, event.id, "Ada <ada@example.org>\nBob <bob@example.org>\nCy <cy@example.org>\nDee <dee@example.org>");
  sendInvites(t.db, host, event.id);
  return event;
}

describe("queueDueReminders", () => {
  it("reminds guests who have not answered once their reminder is due, and only them, once", () => {
    const event = invitedEvent();
    recordRsvp(t.db, tokenOf("ada@example.org"), { answer: "yes", note: "" }, paris("2036-12-10T10:00"));
    expect(queueDueReminders(t.db, paris("2036-12-16T17:59"))).toBe(0);
    expect(reminderAudience(t.db, event.id, "unanswered", paris("2036-12-16T18:00"))).toBe(3);
    expect(queueDueReminders(t.db, paris("2036-12-16T18:00"))).toBe(3);
    expect(reminders().map((r) => r.toAddress).sort()).toEqual(["bob@example.org", "cy@example.org", "dee@example.org"]);
    expect(reminders().every((r) => r.payload.reminder === "unanswered")).toBe(true);
    // Every later tick, and a restart, finds nothing more to send.
    expect(queueDueReminders(t.db, paris("2036-12-16T18:05"))).toBe(0);
    expect(queueDueReminders(t.db, paris("2036-12-17T12:00"))).toBe(0);
    // The guest row points at its reminder.
    const bob = t.db.select().from(guests).where(eq(guests.email, "bob@example.org")).get()!;
    expect(bob.lastNoticeId).toBe(reminders().find((r) => r.toAddress === "bob@example.org")!.id);
    expect(bob.unansweredRemindedAt).not.toBeNull();
  });

  it("reminds Yes and Maybe guests before the start, not No or silent ones, nor anyone unsubscribed", () => {
    invitedEvent({ rsvpDeadline: "" });
    const at = paris("2036-12-10T10:00");
    recordRsvp(t.db, tokenOf("ada@example.org"), { answer: "yes", note: "" }, at);
    recordRsvp(t.db, tokenOf("bob@example.org"), { answer: "maybe", note: "" }, at);
    recordRsvp(t.db, tokenOf("cy@example.org"), { answer: "no", note: "" }, at);
    unsubscribeGuest(t.db, tokenOf("bob@example.org"));
    expect(queueDueReminders(t.db, paris("2036-12-20T18:59"))).toBe(0);
    expect(queueDueReminders(t.db, paris("2036-12-20T19:00"))).toBe(1);
    expect(reminders().map((r) => [r.toAddress, r.payload.reminder])).toEqual([["ada@example.org", "attendee"]]);
  });

  it("a guest who answers before the reminder is due gets no answer reminder", () => {
    invitedEvent();
    for (const email of ["ada@example.org", "bob@example.org", "cy@example.org", "dee@example.org"]) {
      recordRsvp(t.db, tokenOf(email), { answer: "no", note: "" }, paris("2036-12-12T10:00"));
    }
    expect(queueDueReminders(t.db, paris("2036-12-16T18:00"))).toBe(0);
  });

  it("skips guests who only qualified after the reminder's time, waitlisted guests, and never sends at night", () => {
    invitedEvent({ rsvpDeadline: "", capacity: "1" });
    recordRsvp(t.db, tokenOf("ada@example.org"), { answer: "yes", note: "" }, paris("2036-12-10T10:00"));
    recordRsvp(t.db, tokenOf("bob@example.org"), { answer: "yes", note: "" }, paris("2036-12-10T11:00")); // waitlisted
    // Cy says maybe at 23:00 on the eve, after the reminder's time (19:00): she has just had her confirmation.
    recordRsvp(t.db, tokenOf("cy@example.org"), { answer: "maybe", note: "" }, paris("2036-12-20T23:00"));
    expect(queueDueReminders(t.db, paris("2036-12-20T23:30"))).toBe(0); // night: nothing goes
    expect(queueDueReminders(t.db, paris("2036-12-21T08:00"))).toBe(1);
    expect(reminders().map((r) => r.toAddress)).toEqual(["ada@example.org"]);
  });

  it("holds a reminder that falls at night until 08:00 in the event's zone", () => {
    // Deadline 18 Dec 06:00: 48 hours before is 04:00 on the 16th, quiet; it goes at 08:00.
    invitedEvent({ rsvpDeadline: "2036-12-18T06:00" });
    expect(queueDueReminders(t.db, paris("2036-12-16T04:00"))).toBe(0);
    expect(queueDueReminders(t.db, paris("2036-12-16T07:59"))).toBe(0);
    expect(queueDueReminders(t.db, paris("2036-12-16T08:00"))).toBe(4);
  });

  it("sends nothing for a cancelled event, a switched-off reminder, or once the target has passed", () => {
    invitedEvent({ remindUnansweredHours: "", remindAttendeesHours: "" });
    expect(queueDueReminders(t.db, paris("2036-12-20T19:00"))).toBe(0);
    t.close();
    t = openTestDb();
    host = addHost(t.db, "grace@example.org", "Grace");
    invitedEvent();
    // Nobody ran the timer before the deadline: after it, an answer reminder is pointless.
    expect(queueDueReminders(t.db, paris("2036-12-18T18:01"))).toBe(0);
    const cancelled = invitedEvent({ title: "Called off" });
    cancelEvent(t.db, host, cancelled.id, "");
    expect(queueDueReminders(t.db, paris("2036-12-16T18:00"))).toBe(4);
    expect(reminders().every((r) => r.eventId !== cancelled.id)).toBe(true);
  });
});
