import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox } from "@/db/schema";
import { removeGuest } from "@/lib/guests/guests";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { findInvitation, recordRsvp, rsvpFormSchema } from "./rsvp";

let t: TestDb;
let host: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "host@example.org", "Grace");
});
afterEach(() => t.close());

function eventWithGuest(overrides: Record<string, string> = {}) {
  const event = addEvent(t.db, host, overrides);
  addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
  const guest = t.db.select().from(guests).where(eq(guests.eventId, event.id)).get()!;
  return { event, guest };
}

const mail = () => t.db.select().from(outbox).orderBy(outbox.id).all();

describe("recordRsvp", () => {
  it("records the answer and note, and queues the guest's confirmation and the host's notification", () => {
    const { guest } = eventWithGuest();
    const now = new Date("2026-12-01T10:00:00Z");
    expect(recordRsvp(t.db, guest.token, { answer: "yes", note: "Bringing pie" }, now)).toBe("recorded");
    expect(findInvitation(t.db, guest.token)?.guest).toMatchObject({ answer: "yes", note: "Bringing pie", answeredAt: now });
    expect(mail().map((m) => [m.kind, m.toAddress, m.payload])).toEqual([
      ["rsvp_confirmation", "ada@example.org", { answer: "yes", note: "Bringing pie", plusOnes: 0, waitlisted: false, previousAnswer: null }],
      ["host_notification", "host@example.org", { answer: "yes", note: "Bringing pie", plusOnes: 0, waitlisted: false, previousAnswer: null }],
    ]);
  });

  it("lets the guest change their mind, telling the host what it was", () => {
    const { guest } = eventWithGuest();
    recordRsvp(t.db, guest.token, { answer: "yes", note: "" });
    expect(recordRsvp(t.db, guest.token, { answer: "no", note: "Sorry, ill" })).toBe("recorded");
    expect(findInvitation(t.db, guest.token)?.guest.answer).toBe("no");
    const notice = mail().filter((m) => m.kind === "host_notification").at(-1);
    expect(notice?.payload).toEqual({ answer: "no", note: "Sorry, ill", plusOnes: 0, waitlisted: false, previousAnswer: "yes" });
  });

  it("tells the host about a new note with the same answer, without confirming the answer again", () => {
    const { guest } = eventWithGuest();
    recordRsvp(t.db, guest.token, { answer: "yes", note: "" });
    recordRsvp(t.db, guest.token, { answer: "yes", note: "Running late" });
    expect(mail().map((m) => m.kind)).toEqual(["rsvp_confirmation", "host_notification", "host_notification"]);
    expect(findInvitation(t.db, guest.token)?.guest.note).toBe("Running late");
  });

  it("sends only the emails the event asks for", () => {
    const quiet = eventWithGuest({ notifyHostOnAnswer: "", confirmToGuest: "" });
    recordRsvp(t.db, quiet.guest.token, { answer: "yes", note: "" });
    expect(mail()).toEqual([]);

    t.db.delete(outbox).run();
    const hostOnly = addEvent(t.db, host, { title: "Host only", confirmToGuest: "" });
    addGuestList(t.db, host, hostOnly.id, "bob@example.org");
    const bob = t.db.select().from(guests).where(eq(guests.eventId, hostOnly.id)).get()!;
    recordRsvp(t.db, bob.token, { answer: "maybe", note: "" });
    expect(mail().map((m) => m.kind)).toEqual(["host_notification"]);
  });

  it("refuses answers after the deadline and keeps the earlier one", () => {
    const { guest, event } = eventWithGuest({ rsvpDeadline: "2026-12-18T18:00" });
    const before = new Date(event.rsvpDeadline!.getTime() - 60_000);
    const after = new Date(event.rsvpDeadline!.getTime() + 60_000);
    expect(recordRsvp(t.db, guest.token, { answer: "yes", note: "" }, before)).toBe("recorded");
    const queued = mail().length;
    expect(recordRsvp(t.db, guest.token, { answer: "no", note: "" }, after)).toBe("closed");
    expect(findInvitation(t.db, guest.token)?.guest.answer).toBe("yes");
    expect(mail()).toHaveLength(queued);
  });

  it("does not know unknown or malformed links", () => {
    eventWithGuest();
    expect(recordRsvp(t.db, "A".repeat(32), { answer: "yes", note: "" })).toBe("not_found");
    expect(recordRsvp(t.db, "' OR 1=1 --", { answer: "yes", note: "" })).toBe("not_found");
    expect(mail()).toEqual([]);
  });

  it("stops accepting a removed guest's link", () => {
    const { guest, event } = eventWithGuest();
    expect(removeGuest(t.db, host, event.id, guest.id)).toBe(true);
    expect(findInvitation(t.db, guest.token)).toBeNull();
    expect(recordRsvp(t.db, guest.token, { answer: "yes", note: "" })).toBe("not_found");
    expect(mail()).toEqual([]);
  });
});

describe("rsvpFormSchema", () => {
  it("accepts the three answers and a note, normalising line breaks", () => {
    expect(rsvpFormSchema.parse({ answer: "maybe", note: " Trains\r\npermitting " })).toEqual({ answer: "maybe", note: "Trains\npermitting", plusOnes: 0 });
    expect(rsvpFormSchema.parse({ answer: "no" }).note).toBe("");
  });

  it("refuses other answers, long notes and control characters", () => {
    expect(rsvpFormSchema.safeParse({ answer: "yesNo" }).success).toBe(false);
    expect(rsvpFormSchema.safeParse({ answer: "yes", note: "x".repeat(1001) }).success).toBe(false);
    expect(rsvpFormSchema.safeParse({ answer: "yes", note: "hi\u0000" }).success).toBe(false);
  });
});
