import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox } from "@/db/schema";
import { resendInvite, sendInvites } from "@/lib/invitations/invitations";
import { claimDueMail } from "@/lib/mail/outbox";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { listGuests, removeGuest } from "./guests";
import { findUnsubscribeTarget, unsubscribeGuest } from "./unsubscribe";

let t: TestDb;
let host: string;
let eventId: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "host@example.org", "Grace");
  eventId = addEvent(t.db, host, { title: "Solstice <dinner>" }).id;
  addGuestList(t.db, host, eventId, "Ada <ada@example.org>\nbob@example.org");
});
afterEach(() => t.close());

const guest = (email: string) => t.db.select().from(guests).where(eq(guests.email, email)).get()!;
const mail = () => t.db.select().from(outbox).orderBy(outbox.id).all();

describe("findUnsubscribeTarget", () => {
  it("names the event without unsubscribing anyone", () => {
    const ada = guest("ada@example.org");
    expect(findUnsubscribeTarget(t.db, ada.token)).toEqual({ eventTitle: "Solstice <dinner>", unsubscribedAt: null });
    expect(findUnsubscribeTarget(t.db, ada.token)).toEqual({ eventTitle: "Solstice <dinner>", unsubscribedAt: null });
    expect(guest("ada@example.org").unsubscribedAt).toBeNull();
  });

  it("knows nothing of unknown, malformed or revoked links", () => {
    const ada = guest("ada@example.org");
    const nearMiss = ada.token.slice(0, -1) + (ada.token.endsWith("A") ? "B" : "A");
    for (const token of ["A".repeat(32), nearMiss, "' OR 1=1 --", "", "%", `${ada.token} `, `${ada.token}/..`, "a".repeat(10_000)]) {
      expect(findUnsubscribeTarget(t.db, token)).toBeNull();
      expect(unsubscribeGuest(t.db, token)).toBeNull();
    }
    removeGuest(t.db, host, eventId, ada.id);
    expect(findUnsubscribeTarget(t.db, ada.token)).toBeNull();
    expect(unsubscribeGuest(t.db, ada.token)).toBeNull();
    expect(guest("bob@example.org").unsubscribedAt).toBeNull();
  });
});

describe("unsubscribeGuest", () => {
  it("records the date once, for that guest only, and shows on their row", () => {
    const ada = guest("ada@example.org");
    const first = new Date("2026-12-01T10:00:00Z");
    expect(unsubscribeGuest(t.db, ada.token, first)).toEqual({ eventTitle: "Solstice <dinner>", unsubscribedAt: first });
    expect(unsubscribeGuest(t.db, ada.token, new Date("2026-12-02T10:00:00Z"))?.unsubscribedAt).toEqual(first);
    const rows = listGuests(t.db, eventId);
    expect(rows.find((g) => g.email === "ada@example.org")?.unsubscribedAt).toEqual(first);
    expect(rows.find((g) => g.email === "bob@example.org")?.unsubscribedAt).toBeNull();
  });

  it("keeps them out of later sends and refuses to resend to them", () => {
    const ada = guest("ada@example.org");
    unsubscribeGuest(t.db, ada.token);
    expect(sendInvites(t.db, host, eventId)).toBe(1);
    expect(mail().map((m) => m.toAddress)).toEqual(["bob@example.org"]);
    expect(resendInvite(t.db, host, eventId, ada.id)).toBe("unsubscribed");
    expect(mail()).toHaveLength(1);
  });

  it("stops an invitation still waiting in the outbox, but not one already being handed over", () => {
    sendInvites(t.db, host, eventId);
    const [bobsRow] = claimDueMail(t.db, 10).filter((m) => m.toAddress === "bob@example.org");
    expect(bobsRow).toBeDefined();
    resendInvite(t.db, host, eventId, guest("ada@example.org").id);
    t.db.update(outbox).set({ state: "queued" }).where(eq(outbox.toAddress, "ada@example.org")).run();

    unsubscribeGuest(t.db, guest("ada@example.org").token);
    unsubscribeGuest(t.db, guest("bob@example.org").token);
    const states = mail().map((m) => [m.toAddress, m.state, m.lastError]);
    expect(states).toContainEqual(["bob@example.org", "sending", null]);
    expect(states.filter(([to]) => to === "ada@example.org")).toEqual([
      ["ada@example.org", "failed", "Not sent: the guest unsubscribed"],
      ["ada@example.org", "failed", "Not sent: the guest unsubscribed"],
    ]);
    expect(claimDueMail(t.db, 10)).toEqual([]);
  });

  it("still confirms the guest's own answer to them", () => {
    const ada = guest("ada@example.org");
    unsubscribeGuest(t.db, ada.token);
    expect(recordRsvp(t.db, ada.token, { answer: "yes", note: "" }, new Date("2026-12-01T00:00:00Z"))).toBe("recorded");
    expect(mail().map((m) => [m.kind, m.toAddress, m.state])).toEqual([
      ["rsvp_confirmation", "ada@example.org", "queued"],
      ["host_notification", "host@example.org", "queued"],
    ]);
  });
});
