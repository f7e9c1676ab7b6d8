import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { guests, type Event, type GuestListVisibility } from "@/db/schema";
import { cancelEvent } from "@/lib/events/cancel";
import { htmlString } from "@/lib/html";
import { sendInvites } from "@/lib/invitations/invitations";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { GUEST_LIST_NAMES, readGuestList, type GuestList } from "./guest-list";
import { invitationPage } from "./page";
import { findInvitation, recordRsvp } from "./rsvp";

let t: TestDb;
let host: string;
let counted: Db;
let statements: string[];
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
  statements = [];
  // A second connection to the same file that counts the statements a page view runs.
  counted = openDatabase(join(t.dir, "app.db"), { logger: { logQuery: (query) => statements.push(query) } });
});
afterEach(() => {
  counted.$client.close();
  t.close();
});

const guest = (email: string) => t.db.select().from(guests).where(eq(guests.email, email)).get()!;
const answer = (email: string, a: "yes" | "no" | "maybe", note = "") => expect(recordRsvp(t.db, guest(email).token, { answer: a, note })).toBe("recorded");

/** An event whose guests answered every way, with hostile names, a nameless guest, notes and plus-ones. */
function party(visibility: GuestListVisibility): Event {
  const event = addEvent(t.db, host, { guestListVisibility: visibility });
  addGuestList(
    t.db,
    host,
    event.id,
    ["Ada <ada@example.org>", "bob.smith@example.org", "Cy <cy@example.org>", "Di <di@example.org>", "Eve <eve@example.org>", "Fay <fay@example.org>"].join("\n"),
  );
  sendInvites(t.db, host, event.id);
  // The paste refuses such a name; an older row or another way in might not have.
  t.db.update(guests).set({ name: "Ada <img src=x onerror=alert(1)>" }).where(eq(guests.email, "ada@example.org")).run();
  answer("ada@example.org", "yes", "my secret note");
  answer("bob.smith@example.org", "yes");
  answer("cy@example.org", "maybe");
  answer("di@example.org", "no");
  answer("fay@example.org", "yes");
  // Bob brings two; Fay's Yes waits for a place, so she is not coming yet. Eve has not answered.
  t.db.update(guests).set({ plusOnes: 2 }).where(eq(guests.email, "bob.smith@example.org")).run();
  t.db.update(guests).set({ waitlistedAt: new Date() }).where(eq(guests.email, "fay@example.org")).run();
  return event;
}

function view(event: Event, email = "eve@example.org") {
  const invitation = findInvitation(t.db, guest(email).token)!;
  statements.length = 0;
  const guestList = readGuestList(counted, event);
  const queries = statements.length;
  const page = htmlString(invitationPage({ ...invitation, guestList }, {}, "http://localhost:3000", new Date("2026-12-01T00:00:00Z")).body);
  return { guestList, queries, page };
}

describe("what a guest's page shows of the other guests", () => {
  it("nothing, without a query, when the host shows nothing", () => {
    const { guestList, queries, page } = view(party("none"));
    expect(guestList).toBeNull();
    expect(queries).toBe(0);
    expect(page).not.toContain("coming");
    expect(page).not.toContain("Bob");
  });

  it("the numbers of people coming (with plus-ones), maybe and not, in one statement, and no names", () => {
    const { guestList, queries, page } = view(party("counts"));
    expect(queries).toBe(1);
    expect(guestList).toEqual({ counts: { yes: { guests: 2, people: 4 }, maybe: { guests: 1, people: 1 }, no: { guests: 1, people: 1 } }, names: null });
    expect(page).toContain("4 coming · 1 maybe · 1 can&#39;t");
    for (const hidden of ["Ada", "bob", "Cy", "Di", "Fay", "secret", "@example.org\""]) expect(page).not.toContain(hidden);
  });

  it("names grouped by answer in one statement: the part before the @ for a nameless guest, never an address or a note", () => {
    const { guestList, queries, page } = view(party("list"));
    expect(queries).toBe(1);
    expect(guestList?.names).toEqual({
      yes: [
        { name: "Ada <img src=x onerror=alert(1)>", plusOnes: 0 },
        { name: "bob.smith", plusOnes: 2 },
      ],
      maybe: [{ name: "Cy", plusOnes: 0 }],
      no: [{ name: "Di", plusOnes: 0 }],
    });
    expect(page).toContain("Coming (4):</span> Ada &lt;img src=x onerror=alert(1)&gt;, bob.smith +2</p>");
    expect(page).toContain("Maybe (1):</span> Cy</p>");
    expect(page).toContain("Can&#39;t come (1):</span> Di</p>");
    expect(page).not.toMatch(/<img/);
    // Other guests' addresses and notes never appear; Eve (no answer) and Fay (waiting for a place) are not listed.
    expect(page).not.toMatch(/(ada|bob\.smith|cy|di|fay)@example\.org/);
    expect(page).not.toContain("secret note");
    expect(page).not.toContain("Fay");
  });

  it("lists a big event's first names per answer and says how many more, still in one statement", () => {
    const event = addEvent(t.db, host, { guestListVisibility: "list" });
    const n = GUEST_LIST_NAMES + 20;
    addGuestList(t.db, host, event.id, Array.from({ length: n }, (_, i) => `Guest ${String(i).padStart(3, "0")} <g${i}@example.org>`).join("\n"));
    t.db.update(guests).set({ answer: "yes", answeredAt: new Date() }).where(eq(guests.eventId, event.id)).run();
    const { guestList, queries, page } = view(findInvitation(t.db, guest("g0@example.org").token)!.event, "g0@example.org");
    expect(queries).toBe(1);
    expect(guestList?.counts.yes).toEqual({ guests: n, people: n });
    expect(guestList?.names?.yes).toHaveLength(GUEST_LIST_NAMES);
    expect(guestList?.names?.yes[0].name).toBe("Guest 000");
    expect(page).toContain("Guest 099 and 20 more</p>");
    expect(page).not.toContain("Guest 100");
  });

  it("says so when nobody has answered yet, and shows nothing once the event is cancelled", () => {
    const event = addEvent(t.db, host, { guestListVisibility: "list" });
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
    sendInvites(t.db, host, event.id);
    expect(view(findInvitation(t.db, guest("ada@example.org").token)!.event, "ada@example.org").page).toContain("Nobody has answered yet.");
    cancelEvent(t.db, host, event.id, "");
    const cancelled = view(findInvitation(t.db, guest("ada@example.org").token)!.event, "ada@example.org");
    expect(cancelled.guestList).toBeNull();
    expect(cancelled.queries).toBe(0);
  });

  it("renders nothing extra for a page given no guest list (as before the feature)", () => {
    const list: GuestList = { counts: { yes: { guests: 0, people: 0 }, maybe: { guests: 0, people: 0 }, no: { guests: 0, people: 0 } }, names: null };
    const event = party("none");
    const invitation = findInvitation(t.db, guest("eve@example.org").token)!;
    const without = htmlString(invitationPage(invitation, {}, "http://localhost:3000").body);
    const withCounts = htmlString(invitationPage({ ...invitation, guestList: list }, {}, "http://localhost:3000").body);
    expect(without).not.toContain('id="guests-heading"');
    expect(withCounts).toContain("0 coming · 0 maybe · 0 can&#39;t");
    expect(event.guestListVisibility).toBe("none");
  });
});
