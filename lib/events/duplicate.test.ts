import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { events, guests, outbox } from "@/db/schema";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { cancelEvent } from "./cancel";
import { copyTitle, duplicateEvent } from "./duplicate";
import { findHostEvent, listHostEvents } from "./events";
import { LIMITS } from "./schema";

let t: TestDb;
let host: string;
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
});
afterEach(() => t.close());

const guestRows = (eventId: string) => t.db.select().from(guests).where(eq(guests.eventId, eventId)).all();

describe("duplicateEvent", () => {
  it("copies the details and settings into a new event titled as a copy", () => {
    const source = addEvent(t.db, host, {
      title: "Pi night",
      timeZone: "America/New_York",
      locationUrl: "https://meet.example.org/pi",
      rsvpDeadline: "2026-12-18T18:00",
      notifyHostOnAnswer: "",
    });
    const copied = duplicateEvent(t.db, host, source.id);
    expect(copied?.event.id).not.toBe(source.id);
    const copy = findHostEvent(t.db, host, copied!.event.id)!;
    const same = ["description", "timeZone", "startsAt", "endsAt", "locationAddress", "locationUrl", "rsvpDeadline", "notifyHostOnAnswer", "confirmToGuest"] as const;
    for (const key of same) expect(copy[key], key).toEqual(source[key]);
    expect(copy.title).toBe("Pi night (copy)");
    expect(copy.sequence).toBe(0);
    expect(listHostEvents(t.db, host, { when: "upcoming", limit: 10, now: new Date("2026-01-01") }).events).toHaveLength(2);
  });

  it("copies the guests' names and addresses in order, with new links and nothing of what happened to them", () => {
    const source = addEvent(t.db, host);
    addGuestList(t.db, host, source.id, "Zoe <zoe@example.org>\nAda <Ada@Example.org>");
    sendInvites(t.db, host, source.id);
    addGuestList(t.db, host, source.id, "bob@example.org");
    const ada = guestRows(source.id).find((g) => g.email === "Ada@Example.org")!;
    recordRsvp(t.db, ada.token, { answer: "yes", note: "Bringing a tart" });

    const copied = duplicateEvent(t.db, host, source.id)!;
    expect(copied.guests).toBe(3);
    const copies = listGuests(t.db, copied.event.id);
    expect(copies.map((g) => [g.name, g.email])).toEqual(listGuests(t.db, source.id).map((g) => [g.name, g.email]));
    for (const g of copies) {
      expect(g).toMatchObject({ answer: null, note: "", answeredAt: null, stage: "not_invited", invitedAt: null, unsubscribedAt: null });
    }
    const oldTokens = new Set(guestRows(source.id).map((g) => g.token));
    const newTokens = guestRows(copied.event.id).map((g) => g.token);
    expect(new Set(newTokens).size).toBe(3);
    expect(newTokens.some((token) => oldTokens.has(token))).toBe(false);
    // Nothing is sent until the host sends the copy's invites, and then to everyone.
    expect(t.db.select().from(outbox).where(eq(outbox.eventId, copied.event.id)).all()).toEqual([]);
    expect(sendInvites(t.db, host, copied.event.id)).toBe(3);
  });

  it("leaves the original as it was", () => {
    const source = addEvent(t.db, host);
    addGuestList(t.db, host, source.id, "ada@example.org");
    sendInvites(t.db, host, source.id);
    recordRsvp(t.db, guestRows(source.id)[0].token, { answer: "maybe", note: "" });
    const before = { event: findHostEvent(t.db, host, source.id), guests: guestRows(source.id) };
    duplicateEvent(t.db, host, source.id);
    expect({ event: findHostEvent(t.db, host, source.id), guests: guestRows(source.id) }).toEqual(before);
  });

  it("keeps a guest who unsubscribed unsubscribed, so the copy's invites skip them", () => {
    const source = addEvent(t.db, host);
    addGuestList(t.db, host, source.id, "ada@example.org\noff@example.org");
    t.db.update(guests).set({ unsubscribedAt: new Date() }).where(eq(guests.email, "off@example.org")).run();
    const copied = duplicateEvent(t.db, host, source.id)!;
    expect(listGuests(t.db, copied.event.id).map((g) => [g.email, g.unsubscribedAt !== null])).toEqual([
      ["ada@example.org", false],
      ["off@example.org", true],
    ]);
    expect(sendInvites(t.db, host, copied.event.id)).toBe(1);
  });

  it("makes a cancelled event's copy a live event", () => {
    const source = addEvent(t.db, host);
    cancelEvent(t.db, host, source.id, "Snowed in.");
    const copy = findHostEvent(t.db, host, duplicateEvent(t.db, host, source.id)!.event.id)!;
    expect(copy).toMatchObject({ cancelledAt: null, cancelMessage: "" });
  });

  it("copies the largest guest list an event can have", () => {
    const source = addEvent(t.db, host);
    addGuestList(t.db, host, source.id, Array.from({ length: 5_000 }, (_, i) => `g${i}@example.org`).join("\n"));
    const copied = duplicateEvent(t.db, host, source.id)!;
    expect(copied.guests).toBe(5_000);
    expect(guestRows(copied.event.id)).toHaveLength(5_000);
  });

  it("does nothing with another host's event", () => {
    const source = addEvent(t.db, host);
    addGuestList(t.db, host, source.id, "ada@example.org");
    const intruder = addHost(t.db, "mallory@example.org");
    expect(duplicateEvent(t.db, intruder, source.id)).toBeNull();
    expect(duplicateEvent(t.db, host, "no-such-event")).toBeNull();
    expect(t.db.select().from(events).all()).toHaveLength(1);
    expect(t.db.select().from(guests).all()).toHaveLength(1);
  });
});

describe("copyTitle", () => {
  it("shortens a long title so the copy's stays within the limit, never splitting a character", () => {
    expect(copyTitle("Dinner")).toBe("Dinner (copy)");
    const longest = copyTitle("x".repeat(LIMITS.title));
    expect(longest).toHaveLength(LIMITS.title);
    expect(longest.endsWith("x (copy)")).toBe(true);
    const emoji = copyTitle(`${"x".repeat(LIMITS.title - 8)}🎉🎉`);
    expect(emoji).toBe(`${"x".repeat(LIMITS.title - 8)} (copy)`);
    expect(emoji.length).toBeLessThanOrEqual(LIMITS.title);
  });
});
