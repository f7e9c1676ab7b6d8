import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { events, guests, outbox } from "@/db/schema";
import { correctGuestEmail } from "@/lib/guests/correct";
import { addGuests, findHostGuest, listGuests, removeGuest } from "@/lib/guests/guests";
import { parseGuestList } from "@/lib/guests/parse";
import { resendInvite, sendInvites } from "@/lib/invitations/invitations";
import { addEvent, addGuestList, addHost, eventInput, openTestDb, type TestDb } from "@/tests/support/db";
import { cancelEvent } from "./cancel";
import { previewChanges, saveEvent } from "./changes";
import { addCohost } from "./cohosts";
import { duplicateEvent } from "./duplicate";
import { deleteEvent, findHostEvent, listHostEvents } from "./events";
import { dashboardData, eventPageData } from "./page-data";

// Every domain function that used to take "the host's id" now lets a co-host manage the event
// too, and still treats anyone else as if the event did not exist.

let t: TestDb;
let host: string;
let cohost: string;
let stranger: string;
let eventId: string;
let guestId: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
  cohost = addHost(t.db, "ada@example.org", "Ada");
  stranger = addHost(t.db, "mallory@example.org");
  eventId = addEvent(t.db, host, { startsAt: "2032-06-01T19:00", endsAt: "2032-06-01T23:00" }).id;
  // Typed in another case than Ada signs in with (Auth.js keeps the address lower-cased).
  addCohost(t.db, host, eventId, "Ada@Example.org");
  addGuestList(t.db, host, eventId, "Alan <alan@example.org>");
  guestId = t.db.select().from(guests).where(eq(guests.eventId, eventId)).get()!.id;
});
afterEach(() => t.close());

const guestEmails = () => listGuests(t.db, eventId).map((g) => g.email).sort();
const eventRow = () => t.db.select().from(events).where(eq(events.id, eventId)).get()!;

describe("a co-host manages the event; a stranger finds nothing", () => {
  it("findHostEvent and findHostGuest", () => {
    expect(findHostEvent(t.db, cohost, eventId)?.id).toBe(eventId);
    expect(findHostEvent(t.db, stranger, eventId)).toBeNull();
    expect(findHostGuest(t.db, cohost, eventId, guestId)?.email).toBe("alan@example.org");
    expect(findHostGuest(t.db, stranger, eventId, guestId)).toBeNull();
  });

  it("addGuests and removeGuest", () => {
    expect(addGuests(t.db, stranger, eventId, parseGuestList("eve@example.org"))).toBeNull();
    expect(addGuests(t.db, cohost, eventId, parseGuestList("kurt@example.org"))).toEqual({ added: 1, rejected: [] });
    expect(guestEmails()).toEqual(["alan@example.org", "kurt@example.org"]);
    const kurt = listGuests(t.db, eventId).find((g) => g.email === "kurt@example.org")!.id;
    expect(removeGuest(t.db, stranger, eventId, kurt)).toBe(false);
    expect(removeGuest(t.db, cohost, eventId, kurt)).toBe(true);
    expect(guestEmails()).toEqual(["alan@example.org"]);
  });

  it("sendInvites and resendInvite", () => {
    expect(sendInvites(t.db, stranger, eventId)).toBeNull();
    expect(sendInvites(t.db, cohost, eventId)).toBe(1);
    expect(resendInvite(t.db, stranger, eventId, guestId)).toBe("not_found");
    expect(resendInvite(t.db, cohost, eventId, guestId)).toBe("queued");
    expect(t.db.select().from(outbox).where(eq(outbox.kind, "invitation")).all()).toHaveLength(2);
  });

  it("correctGuestEmail", () => {
    expect(correctGuestEmail(t.db, stranger, eventId, guestId, "eve@example.org")).toBeNull();
    expect(correctGuestEmail(t.db, cohost, eventId, guestId, "alan.t@example.org")).toEqual({ invited: false });
    expect(guestEmails()).toEqual(["alan.t@example.org"]);
  });

  it("previewChanges and saveEvent", () => {
    const input = eventInput({ title: "Moved", startsAt: "2032-06-02T19:00", endsAt: "2032-06-02T23:00" });
    expect(previewChanges(t.db, stranger, eventId, input)).toBeNull();
    expect(previewChanges(t.db, cohost, eventId, input)?.changes.map((c) => c.what)).toEqual(["When"]);
    expect(saveEvent(t.db, stranger, eventId, input, false)).toBeNull();
    expect(saveEvent(t.db, cohost, eventId, input, false)).toEqual({ told: 0 });
    expect(eventRow().title).toBe("Moved");
  });

  it("cancelEvent", () => {
    sendInvites(t.db, host, eventId);
    expect(cancelEvent(t.db, stranger, eventId, "")).toBeNull();
    expect(eventRow().cancelledAt).toBeNull();
    expect(cancelEvent(t.db, cohost, eventId, "Rained out.")).toBe(1);
    expect(eventRow().cancelMessage).toBe("Rained out.");
  });

  it("duplicateEvent: the copy belongs to the co-host who made it", () => {
    expect(duplicateEvent(t.db, stranger, eventId)).toBeNull();
    const copy = duplicateEvent(t.db, cohost, eventId)!;
    expect(copy.event.hostId).toBe(cohost);
    expect(copy.guests).toBe(1);
    expect(findHostEvent(t.db, cohost, copy.event.id)).not.toBeNull();
    // The host shared the original, not what the co-host makes of it.
    expect(findHostEvent(t.db, host, copy.event.id)).toBeNull();
  });

  it("eventPageData: the role and the host's name, the co-host list for the host only", () => {
    expect(eventPageData(t.db, stranger, eventId)).toBeNull();
    const asCohost = eventPageData(t.db, cohost, eventId)!;
    expect(asCohost).toMatchObject({ role: "cohost", host: { name: "Grace" }, cohosts: [] });
    expect(asCohost.guests.map((g) => g.email)).toEqual(["alan@example.org"]);
    const asHost = eventPageData(t.db, host, eventId)!;
    expect(asHost.role).toBe("host");
    expect(asHost.cohosts.map((c) => c.email)).toEqual(["Ada@Example.org"]);
  });

  it("the dashboard lists hosted and co-hosted events together, marked by role", () => {
    const own = addEvent(t.db, cohost, { title: "Ada's own", startsAt: "2032-05-01T19:00", endsAt: "2032-05-01T23:00" });
    addEvent(t.db, host, { title: "Not shared", startsAt: "2032-04-01T19:00", endsAt: "2032-04-01T23:00" });
    const now = new Date("2030-01-01T00:00:00Z");
    const list = listHostEvents(t.db, cohost, { when: "upcoming", limit: 10, now });
    expect(list.events.map((e) => [e.title, e.role, e.counts.guests])).toEqual([
      ["Ada's own", "host", 0],
      ["Winter solstice dinner", "cohost", 1],
    ]);
    expect(dashboardData(t.db, stranger, false, now).upcoming.events).toEqual([]);
    expect(dashboardData(t.db, host, false, now).upcoming.events.map((e) => [e.title, e.role])).toEqual([
      ["Not shared", "host"],
      ["Winter solstice dinner", "host"],
    ]);
    expect(own.hostId).toBe(cohost);
  });
});

describe("deleting is the host's alone", () => {
  it("refuses a co-host and a stranger, and lets the host", () => {
    expect(deleteEvent(t.db, cohost, eventId)).toBe(false);
    expect(deleteEvent(t.db, stranger, eventId)).toBe(false);
    expect(findHostEvent(t.db, host, eventId)).not.toBeNull();
    expect(deleteEvent(t.db, host, eventId)).toBe(true);
    expect(findHostEvent(t.db, cohost, eventId)).toBeNull();
  });
});
