import { guests } from "@/db/schema";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendInvites } from "@/lib/invitations/invitations";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, eventInput, openTestDb, type TestDb } from "@/tests/support/db";
import { listGuests } from "@/lib/guests/guests";
import { saveEvent } from "./changes";
import { deleteEvent, findHostEvent, listHostEvents } from "./events";

let t: TestDb;
let host: string;
let intruder: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "host@example.org", "Grace");
  intruder = addHost(t.db, "mallory@example.org");
});
afterEach(() => t.close());

describe("createEvent and findHostEvent", () => {
  it("stores the event's instants and settings as the form gave them", () => {
    const created = addEvent(t.db, host, { rsvpDeadline: "2026-12-18T18:00", confirmToGuest: "" });
    const found = findHostEvent(t.db, host, created.id);
    expect(found?.startsAt.toISOString()).toBe("2026-12-21T18:00:00.000Z");
    expect(found?.rsvpDeadline?.toISOString()).toBe("2026-12-18T17:00:00.000Z");
    expect(found?.timeZone).toBe("Europe/Paris");
    expect([found?.notifyHostOnAnswer, found?.confirmToGuest]).toEqual([true, false]);
  });

  it("shows another host's event as missing", () => {
    const created = addEvent(t.db, host);
    expect(findHostEvent(t.db, intruder, created.id)).toBeNull();
    expect(findHostEvent(t.db, host, "no-such-event")).toBeNull();
  });
});

describe("updateEvent", () => {
  it("changes the host's own event", () => {
    const created = addEvent(t.db, host);
    expect(saveEvent(t.db, host, created.id, eventInput({ title: "Solstice brunch" }), false)).toEqual({ told: 0 });
    expect(findHostEvent(t.db, host, created.id)?.sequence).toBe(created.sequence + 1);
    expect(findHostEvent(t.db, host, created.id)?.title).toBe("Solstice brunch");
  });

  it("refuses another host and leaves the event as it was", () => {
    const created = addEvent(t.db, host);
    expect(saveEvent(t.db, intruder, created.id, eventInput({ title: "Hijacked" }), true)).toBeNull();
    expect(findHostEvent(t.db, host, created.id)?.title).toBe("Winter solstice dinner");
  });
});

describe("deleteEvent", () => {
  it("refuses another host, then deletes the event with its guests for its own host", () => {
    const created = addEvent(t.db, host);
    addGuestList(t.db, host, created.id, "ada@example.org");
    expect(deleteEvent(t.db, intruder, created.id)).toBe(false);
    expect(findHostEvent(t.db, host, created.id)).not.toBeNull();
    expect(deleteEvent(t.db, host, created.id)).toBe(true);
    expect(findHostEvent(t.db, host, created.id)).toBeNull();
    expect(listGuests(t.db, created.id)).toEqual([]);
  });
});

describe("listHostEvents", () => {
  it("lists only the host's events, soonest first, with guest and answer counts", () => {
    const later = addEvent(t.db, host, { title: "Later", startsAt: "2027-01-10T19:00", endsAt: "2027-01-10T22:00" });
    const sooner = addEvent(t.db, host, { title: "Sooner" });
    addEvent(t.db, intruder, { title: "Not mine" });
    addGuestList(t.db, host, sooner.id, "a@example.org\nb@example.org\nc@example.org\nd@example.org");
    sendInvites(t.db, host, sooner.id);
    addGuestList(t.db, host, sooner.id, "e@example.org");
    const tokens = new Map(t.db.select({ email: guests.email, token: guests.token }).from(guests).all().map((g) => [g.email, g.token]));
    recordRsvp(t.db, tokens.get("a@example.org")!, { answer: "yes", note: "" });
    recordRsvp(t.db, tokens.get("b@example.org")!, { answer: "yes", note: "" });
    recordRsvp(t.db, tokens.get("c@example.org")!, { answer: "maybe", note: "" });

    const now = new Date("2026-01-01T00:00:00Z");
    const { events: listed, more } = listHostEvents(t.db, host, { when: "upcoming", limit: 10, now });
    expect(more).toBe(false);
    expect(listed.map((e) => e.title)).toEqual(["Sooner", "Later"]);
    expect(listed[0].counts).toEqual({ guests: 5, invited: 4, yes: 2, no: 0, maybe: 1, noAnswer: 2 });
    expect(listed[1].id).toBe(later.id);
    expect(listed[1].counts).toEqual({ guests: 0, invited: 0, yes: 0, no: 0, maybe: 0, noAnswer: 0 });
  });

  it("pages: upcoming soonest first, past latest first, and says when there are more", () => {
    for (const day of ["01", "02", "03", "04"]) addEvent(t.db, host, { title: `Jan ${day}`, startsAt: `2030-01-${day}T10:00`, endsAt: `2030-01-${day}T12:00` });
    const now = new Date("2030-01-02T18:00:00Z");
    const upcoming = listHostEvents(t.db, host, { when: "upcoming", limit: 1, now });
    expect([upcoming.events.map((e) => e.title), upcoming.more]).toEqual([["Jan 03"], true]);
    const past = listHostEvents(t.db, host, { when: "past", limit: 5, now });
    expect([past.events.map((e) => e.title), past.more]).toEqual([["Jan 02", "Jan 01"], false]);
  });
});
