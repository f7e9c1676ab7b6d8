import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { guests, outbox } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { markFailed, markSent } from "@/lib/mail/outbox";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { addGuests, listGuests, removeGuest } from "./guests";
import { parseGuestList, singleGuest } from "./parse";

let t: TestDb;
let host: string;
let eventId: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "host@example.org", "Grace");
  eventId = addEvent(t.db, host).id;
});
afterEach(() => t.close());

describe("addGuests", () => {
  it("saves the parsed guests with a personal link each", () => {
    const result = addGuests(t.db, host, eventId, parseGuestList("Ada <ada@example.org>\nalan@example.org"));
    expect(result).toEqual({ added: 2, rejected: [] });
    const rows = t.db.select().from(guests).where(eq(guests.eventId, eventId)).all();
    expect(rows.map((g) => [g.email, g.name]).sort()).toEqual([
      ["ada@example.org", "Ada"],
      ["alan@example.org", ""],
    ]);
    expect(new Set(rows.map((g) => g.token)).size).toBe(2);
  });

  it("skips addresses already on the list, whatever their case, and says so", () => {
    addGuestList(t.db, host, eventId, "Ada <ada@example.org>");
    const result = addGuests(t.db, host, eventId, parseGuestList("x\nADA@EXAMPLE.ORG\nnew@example.org"));
    expect(result?.added).toBe(1);
    expect(result?.rejected).toEqual([
      { line: 1, text: "x", reason: "no email address found" },
      { line: 2, text: "ADA@EXAMPLE.ORG", reason: "already on the guest list" },
    ]);
    expect(listGuests(t.db, eventId).map((g) => g.email).sort()).toEqual(["ada@example.org", "new@example.org"]);
  });

  it("stops at the per-event limit and refuses the rest with the reason", async () => {
    vi.resetModules();
    vi.doMock("./parse", async (load) => {
      const real = await load<typeof import("./parse")>();
      return { ...real, GUEST_LIMITS: { ...real.GUEST_LIMITS, perEvent: 3 } };
    });
    const { addGuests: addGuestsLimited } = await import("./guests");
    try {
      expect(addGuestsLimited(t.db, host, eventId, parseGuestList("a@example.org\nb@example.org"))?.added).toBe(2);
      const result = addGuestsLimited(t.db, host, eventId, parseGuestList("c@example.org\nd@example.org\ne@example.org"));
      expect(result?.added).toBe(1);
      expect(result?.rejected.map((r) => [r.text, r.reason])).toEqual([
        ["d@example.org", "the event already has the maximum of 3 guests"],
        ["e@example.org", "the event already has the maximum of 3 guests"],
      ]);
      expect(listGuests(t.db, eventId)).toHaveLength(3);
    } finally {
      vi.doUnmock("./parse");
      vi.resetModules();
    }
  });

  it("refuses another host's event without touching it", () => {
    const intruder = addHost(t.db, "mallory@example.org");
    expect(addGuests(t.db, intruder, eventId, singleGuest("", "mallory@example.org"))).toBeNull();
    expect(listGuests(t.db, eventId)).toEqual([]);
  });
});

describe("removeGuest", () => {
  it("removes the guest from this host's event only", () => {
    addGuestList(t.db, host, eventId, "ada@example.org");
    const [ada] = listGuests(t.db, eventId);
    const intruder = addHost(t.db, "mallory@example.org");
    const otherEvent = addEvent(t.db, intruder).id;
    expect(removeGuest(t.db, intruder, eventId, ada.id)).toBe(false);
    expect(removeGuest(t.db, intruder, otherEvent, ada.id)).toBe(false);
    expect(listGuests(t.db, eventId)).toHaveLength(1);
    expect(removeGuest(t.db, host, eventId, ada.id)).toBe(true);
    expect(listGuests(t.db, eventId)).toEqual([]);
    expect(removeGuest(t.db, host, eventId, ada.id)).toBe(false);
  });

  it("drops the guest's unsent invitation with them", () => {
    addGuestList(t.db, host, eventId, "ada@example.org");
    sendInvites(t.db, host, eventId);
    removeGuest(t.db, host, eventId, listGuests(t.db, eventId)[0].id);
    expect(t.db.select().from(outbox).all()).toEqual([]);
  });
});

describe("listGuests", () => {
  it("shows where each guest's invitation is", () => {
    addGuestList(t.db, host, eventId, "a@example.org\nb@example.org\nc@example.org");
    expect(listGuests(t.db, eventId).map((g) => g.stage)).toEqual(["not_invited", "not_invited", "not_invited"]);
    sendInvites(t.db, host, eventId);
    addGuestList(t.db, host, eventId, "d@example.org");
    const invitation = (to: string) => t.db.select().from(outbox).where(eq(outbox.toAddress, to)).get()!;
    markSent(t.db, invitation("a@example.org"), "<m1@example.test>");
    markFailed(t.db, { ...invitation("b@example.org"), attempts: 1 }, "550 mailbox unavailable", true);
    // Guests pasted together may share a creation time, so compare in address order.
    const listed = listGuests(t.db, eventId).sort((x, y) => x.email.localeCompare(y.email));
    expect(listed.map((g) => [g.email, g.stage, g.deliveryDetail])).toEqual([
      ["a@example.org", "accepted", null],
      ["b@example.org", "failed", "550 mailbox unavailable"],
      ["c@example.org", "queued", null],
      ["d@example.org", "not_invited", null],
    ]);
    expect(listed[0].invitedAt).toBeInstanceOf(Date);
    expect(listed[3].invitedAt).toBeNull();
  });
});
