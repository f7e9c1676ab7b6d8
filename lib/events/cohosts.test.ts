import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cohosts, outbox } from "@/db/schema";
import { addEvent, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { eventRole, findManagedEvent } from "./access";
import { COHOST_LIMIT, addCohost, cohostFormSchema, listCohosts, removeCohost } from "./cohosts";

let t: TestDb;
let host: string;
let cohost: string;
let stranger: string;
let eventId: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
  cohost = addHost(t.db, "ada@example.org", "Ada");
  stranger = addHost(t.db, "mallory@example.org");
  eventId = addEvent(t.db, host).id;
});
afterEach(() => t.close());

const invitations = () => t.db.select().from(outbox).where(eq(outbox.kind, "cohost_invitation")).all();

describe("eventRole and findManagedEvent", () => {
  it("tell the host from a co-host, and show the event to nobody else", () => {
    expect(eventRole(t.db, host, eventId)).toBe("host");
    expect(eventRole(t.db, cohost, eventId)).toBeNull();
    addCohost(t.db, host, eventId, "ada@example.org");
    expect(eventRole(t.db, cohost, eventId)).toBe("cohost");
    expect(eventRole(t.db, stranger, eventId)).toBeNull();
    expect(eventRole(t.db, host, "no-such-event")).toBeNull();
    expect(findManagedEvent(t.db, cohost, eventId)).toMatchObject({ role: "cohost", host: { name: "Grace", email: "grace@example.org" }, event: { id: eventId } });
    expect(findManagedEvent(t.db, host, eventId)?.role).toBe("host");
    expect(findManagedEvent(t.db, stranger, eventId)).toBeNull();
  });

  it("match the co-host's address whatever its case as typed by the host", () => {
    addCohost(t.db, host, eventId, "  Ada@Example.ORG ");
    expect(eventRole(t.db, cohost, eventId)).toBe("cohost");
    expect(listCohosts(t.db, eventId).map((c) => [c.email, c.emailKey])).toEqual([["Ada@Example.ORG", "ada@example.org"]]);
  });

  it("give a co-host of one event nothing of the host's other events", () => {
    const other = addEvent(t.db, host, { title: "Another" }).id;
    addCohost(t.db, host, eventId, "ada@example.org");
    expect(eventRole(t.db, cohost, other)).toBeNull();
  });

  it("forget a removed co-host at once", () => {
    addCohost(t.db, host, eventId, "ada@example.org");
    expect(removeCohost(t.db, host, eventId, "ada@example.org")).toBe(true);
    expect(eventRole(t.db, cohost, eventId)).toBeNull();
  });
});

describe("addCohost", () => {
  it("adds the address and queues its invitation in the same transaction", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(addCohost(t.db, host, eventId, "ada@example.org", now)).toEqual({ added: "ada@example.org" });
    expect(listCohosts(t.db, eventId)).toEqual([{ eventId, email: "ada@example.org", emailKey: "ada@example.org", addedAt: now }]);
    expect(invitations()).toMatchObject([{ toAddress: "ada@example.org", eventId, guestId: null, state: "queued", payload: { emailKey: "ada@example.org" } }]);
  });

  it("refuses the host's own address and an address already added, whatever the case, with nothing written", () => {
    expect(addCohost(t.db, host, eventId, "GRACE@example.org")).toEqual({ error: "That is your own address: you already host this event." });
    addCohost(t.db, host, eventId, "ada@example.org");
    expect(addCohost(t.db, host, eventId, "ADA@example.org")).toEqual({ error: "ADA@example.org is already a co-host of this event." });
    expect(listCohosts(t.db, eventId)).toHaveLength(1);
    expect(invitations()).toHaveLength(1);
  });

  it("judges the address by the guests' rules", () => {
    expect(addCohost(t.db, host, eventId, "not an address")).toEqual({ error: "“not an address” is not a valid email address" });
    expect(addCohost(t.db, host, eventId, "  ")).toEqual({ error: "Enter an email address" });
    expect(cohostFormSchema.safeParse({ email: "ada@" }).success).toBe(false);
    expect(cohostFormSchema.parse({ email: " ada@example.org " })).toEqual({ email: "ada@example.org" });
    expect(invitations()).toHaveLength(0);
  });

  it(`stops at ${COHOST_LIMIT} co-hosts`, () => {
    for (let i = 0; i < COHOST_LIMIT; i++) expect(addCohost(t.db, host, eventId, `c${i}@example.org`)).toEqual({ added: `c${i}@example.org` });
    expect(addCohost(t.db, host, eventId, "one-more@example.org")).toEqual({ error: `An event can have at most ${COHOST_LIMIT} co-hosts.` });
    expect(listCohosts(t.db, eventId)).toHaveLength(COHOST_LIMIT);
  });

  it("is the host's alone: a co-host and a stranger get null and change nothing", () => {
    addCohost(t.db, host, eventId, "ada@example.org");
    expect(addCohost(t.db, cohost, eventId, "friend@example.org")).toBeNull();
    expect(addCohost(t.db, stranger, eventId, "friend@example.org")).toBeNull();
    expect(addCohost(t.db, host, "no-such-event", "friend@example.org")).toBeNull();
    expect(listCohosts(t.db, eventId).map((c) => c.email)).toEqual(["ada@example.org"]);
    expect(invitations()).toHaveLength(1);
  });
});

describe("removeCohost", () => {
  it("is the host's alone, and stops the invitation if it has not gone yet", () => {
    addCohost(t.db, host, eventId, "ada@example.org");
    addCohost(t.db, host, eventId, "alan@example.org");
    expect(removeCohost(t.db, cohost, eventId, "alan@example.org")).toBe(false);
    expect(removeCohost(t.db, stranger, eventId, "alan@example.org")).toBe(false);
    expect(listCohosts(t.db, eventId)).toHaveLength(2);

    expect(removeCohost(t.db, host, eventId, "alan@example.org")).toBe(true);
    expect(removeCohost(t.db, host, eventId, "alan@example.org")).toBe(false);
    expect(listCohosts(t.db, eventId).map((c) => c.email)).toEqual(["ada@example.org"]);
    const byAddress = Object.fromEntries(invitations().map((r) => [r.toAddress, [r.state, r.lastError]]));
    expect(byAddress).toEqual({ "ada@example.org": ["queued", null], "alan@example.org": ["failed", "Not sent: the co-host was removed"] });
  });

  it("goes with the event when the host deletes it", () => {
    addCohost(t.db, host, eventId, "ada@example.org");
    t.db.$client.prepare("DELETE FROM event WHERE id = ?").run(eventId);
    expect(t.db.select().from(cohosts).all()).toEqual([]);
  });
});
