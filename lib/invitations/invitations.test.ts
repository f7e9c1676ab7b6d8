import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { listGuests } from "@/lib/guests/guests";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { resendInvite, sendInvites } from "./invitations";

let t: TestDb;
let host: string;
let eventId: string;

const invitations = () => t.db.select().from(outbox).where(eq(outbox.kind, "invitation")).all();

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "host@example.org", "Grace");
  eventId = addEvent(t.db, host).id;
  addGuestList(t.db, host, eventId, "a@example.org\nb@example.org\nc@example.org");
});
afterEach(() => t.close());

describe("sendInvites", () => {
  it("queues one invitation per guest, addressed to that guest", () => {
    expect(sendInvites(t.db, host, eventId)).toBe(3);
    const queued = invitations();
    expect(queued.map((m) => m.toAddress).sort()).toEqual(["a@example.org", "b@example.org", "c@example.org"]);
    expect(queued.every((m) => m.state === "queued" && m.eventId === eventId)).toBe(true);
    expect(listGuests(t.db, eventId).map((g) => g.stage)).toEqual(["queued", "queued", "queued"]);
  });

  it("does not invite anyone twice, and invites only guests added since", () => {
    sendInvites(t.db, host, eventId);
    expect(sendInvites(t.db, host, eventId)).toBe(0);
    expect(invitations()).toHaveLength(3);
    addGuestList(t.db, host, eventId, "d@example.org");
    expect(sendInvites(t.db, host, eventId)).toBe(1);
    expect(invitations().map((m) => m.toAddress).sort()).toEqual(["a@example.org", "b@example.org", "c@example.org", "d@example.org"]);
  });

  it("does nothing for another host's event", () => {
    const intruder = addHost(t.db, "mallory@example.org");
    expect(sendInvites(t.db, intruder, eventId)).toBeNull();
    expect(invitations()).toEqual([]);
  });
});

describe("resendInvite", () => {
  it("queues a fresh invitation that becomes the guest's delivery state", () => {
    sendInvites(t.db, host, eventId);
    const ada = listGuests(t.db, eventId).find((g) => g.email === "a@example.org")!;
    t.db.update(outbox).set({ state: "failed", lastError: "550 no such user" }).where(eq(outbox.toAddress, "a@example.org")).run();
    expect(listGuests(t.db, eventId).find((g) => g.id === ada.id)?.stage).toBe("failed");

    expect(resendInvite(t.db, host, eventId, ada.id)).toBe("queued");
    expect(invitations().filter((m) => m.toAddress === "a@example.org")).toHaveLength(2);
    const after = listGuests(t.db, eventId).find((g) => g.id === ada.id)!;
    expect([after.stage, after.deliveryDetail]).toEqual(["queued", null]);
  });

  it("refuses another host, or a guest of a different event", () => {
    const ada = listGuests(t.db, eventId)[0];
    const intruder = addHost(t.db, "mallory@example.org");
    const intrudersEvent = addEvent(t.db, intruder).id;
    expect(resendInvite(t.db, intruder, eventId, ada.id)).toBe("not_found");
    expect(resendInvite(t.db, intruder, intrudersEvent, ada.id)).toBe("not_found");
    expect(resendInvite(t.db, host, eventId, "no-such-guest")).toBe("not_found");
    expect(invitations()).toEqual([]);
  });
});
