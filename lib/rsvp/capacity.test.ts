import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox } from "@/db/schema";
import { saveEvent } from "@/lib/events/changes";
import { removeGuest } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { composeMail } from "@/lib/mail/compose";
import { addEvent, addGuestList, addHost, eventInput, openTestDb, type TestDb } from "@/tests/support/db";
import { recordRsvp } from "./rsvp";

let t: TestDb;
let host: string;
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
});
afterEach(() => t.close());

const row = (name: string) => t.db.select().from(guests).where(eq(guests.email, `${name}@example.org`)).get()!;
const answer = (name: string, a: "yes" | "no" | "maybe", plusOnes = 0, at?: Date) => recordRsvp(t.db, row(name).token, { answer: a, note: "", plusOnes }, at);
const promotions = () => t.db.select().from(outbox).where(eq(outbox.kind, "waitlist_promotion")).all();
const settings = { capacity: "4", plusOnesLimit: "2" };

function fullEvent() {
  const event = addEvent(t.db, host, settings);
  addGuestList(t.db, host, event.id, ["ada", "bob", "cy", "dee", "eve"].map((n) => `${n}@example.org`).join("\n"));
  sendInvites(t.db, host, event.id);
  return event;
}

describe("capacity and the waitlist", () => {
  it("counts plus-ones against the capacity and puts a Yes that does not fit on the waitlist", () => {
    fullEvent();
    expect(answer("ada", "yes", 2)).toBe("recorded"); // 3 of 4
    expect(answer("bob", "yes", 1)).toBe("waitlisted"); // 2 more would make 5
    expect(answer("cy", "yes")).toBe("waitlisted"); // would fit, but Bob waits first
    expect(row("bob").waitlistedAt).not.toBeNull();
    expect(answer("dee", "no")).toBe("recorded");
    expect(answer("eve", "maybe", 2)).toBe("recorded"); // a Maybe holds no place
  });

  it("promotes the longest-waiting party that fits when a place frees, tells them, and keeps the queue's order", async () => {
    fullEvent();
    answer("ada", "yes", 2, new Date("2026-12-01T10:00:00Z"));
    answer("bob", "yes", 1, new Date("2026-12-01T11:00:00Z"));
    answer("cy", "yes", 0, new Date("2026-12-01T12:00:00Z"));
    // Ada drops to herself alone: 1 of 4 taken, so Bob's party (2) gets in, then Cy (1).
    expect(answer("ada", "yes", 0)).toBe("recorded");
    expect(row("bob").waitlistedAt).toBeNull();
    expect(row("cy").waitlistedAt).toBeNull();
    expect(promotions().map((m) => m.toAddress)).toEqual(["bob@example.org", "cy@example.org"]);
    expect(row("bob").lastNoticeId).toBe(promotions()[0].id);

    const mail = await composeMail(t.db, promotions()[0], { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
    expect(mail!.subject).toBe("A place opened up: you're going to Winter solstice dinner");
    expect(mail!.text).toContain("with room for the person you bring");
    expect(mail!.attachments![0].contentType).toContain("text/calendar");
  });

  it("stops at the first party that does not fit, so nobody is overtaken", () => {
    fullEvent();
    answer("ada", "yes", 2);
    answer("bob", "yes", 2); // waits: 3 + 3 > 4
    answer("cy", "yes"); // waits behind Bob
    answer("ada", "yes", 1); // frees 1: Bob (3) still does not fit; Cy (1) must not overtake him
    expect(promotions()).toEqual([]);
    expect(row("cy").waitlistedAt).not.toBeNull();
  });

  it("frees places when the host removes a guest or raises the capacity", () => {
    const event = fullEvent();
    answer("ada", "yes", 2);
    answer("bob", "yes", 2);
    expect(removeGuest(t.db, host, event.id, row("ada").id)).toBe(true);
    expect(row("bob").waitlistedAt).toBeNull();
    answer("cy", "yes", 2); // 3 + 3 > 4: waits
    saveEvent(t.db, host, event.id, eventInput({ ...settings, capacity: "6" }), false);
    expect(row("cy").waitlistedAt).toBeNull();
    expect(promotions().map((m) => m.toAddress)).toEqual(["bob@example.org", "cy@example.org"]);
  });

  it("keeps a guest's place when they ask for more plus-ones than there is room for, and refuses more than the event allows", () => {
    fullEvent();
    answer("ada", "yes", 1);
    answer("bob", "yes", 1);
    expect(answer("ada", "yes", 2)).toBe("no_room_for_party");
    expect(row("ada")).toMatchObject({ answer: "yes", plusOnes: 1, waitlistedAt: null });
    expect(answer("cy", "yes", 3)).toBe("too_many_plus_ones");
  });

  it("confirms a waitlisted answer as such, without a calendar file", async () => {
    fullEvent();
    answer("ada", "yes", 2);
    answer("bob", "yes", 2);
    const confirmation = t.db.select().from(outbox).where(eq(outbox.kind, "rsvp_confirmation")).all().find((m) => m.toAddress === "bob@example.org")!;
    const mail = await composeMail(t.db, confirmation, { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
    expect(mail!.subject).toBe("You're on the waitlist: Winter solstice dinner");
    expect(mail!.attachments).toBeUndefined();
  });
});
