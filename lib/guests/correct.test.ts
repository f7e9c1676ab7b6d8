import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { markSent } from "@/lib/mail/outbox";
import { findInvitation, recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { correctGuestEmail, guestEmailFormSchema } from "./correct";
import { listGuests } from "./guests";
import { unsubscribeGuest } from "./unsubscribe";

let t: TestDb;
let host: string;
let eventId: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "host@example.org", "Grace");
  eventId = addEvent(t.db, host).id;
  addGuestList(t.db, host, eventId, "Ada <ada@gmial.com>\nbob@example.org");
});
afterEach(() => t.close());

const guest = (id: string) => t.db.select().from(guests).where(eq(guests.id, id)).get()!;
const ada = () => t.db.select().from(guests).where(eq(guests.emailKey, "ada@gmial.com")).get()!;
const invitations = () => t.db.select().from(outbox).where(eq(outbox.kind, "invitation")).orderBy(outbox.id).all();

describe("correctGuestEmail", () => {
  it("moves an invited guest to the new address with a new link, and invites that address", () => {
    sendInvites(t.db, host, eventId);
    const before = ada();
    for (const row of invitations()) markSent(t.db, row, `<m${row.id}@test>`);

    expect(correctGuestEmail(t.db, host, eventId, before.id, "  ada@gmail.com ")).toEqual({ invited: true });

    const after = guest(before.id);
    expect([after.email, after.emailKey, after.name]).toEqual(["ada@gmail.com", "ada@gmail.com", "Ada"]);
    expect(after.token).not.toBe(before.token);
    expect(findInvitation(t.db, before.token)).toBeNull();
    expect(findInvitation(t.db, after.token)?.guest.email).toBe("ada@gmail.com");
    const latest = invitations().at(-1)!;
    expect([latest.toAddress, latest.state, latest.guestId]).toEqual(["ada@gmail.com", "queued", before.id]);
    expect(after.lastInvitationId).toBe(latest.id);
    expect(listGuests(t.db, eventId).find((g) => g.id === before.id)?.stage).toBe("queued");
  });

  it("only corrects a guest who was never invited, sending nothing", () => {
    const before = ada();
    expect(correctGuestEmail(t.db, host, eventId, before.id, "ada@gmail.com")).toEqual({ invited: false });
    expect(guest(before.id).email).toBe("ada@gmail.com");
    expect(guest(before.id).lastInvitationId).toBeNull();
    expect(invitations()).toEqual([]);
  });

  it("does not send mail still waiting for the old address, which would carry the new link there", () => {
    sendInvites(t.db, host, eventId);
    recordRsvp(t.db, ada().token, { answer: "yes", note: "" }, new Date("2026-12-01T00:00:00Z"));
    correctGuestEmail(t.db, host, eventId, ada().id, "ada@gmail.com");
    const rows = t.db.select().from(outbox).orderBy(outbox.id).all();
    expect(rows.map((m) => [m.kind, m.toAddress, m.state])).toEqual([
      ["invitation", "ada@gmial.com", "failed"],
      ["invitation", "bob@example.org", "queued"],
      ["rsvp_confirmation", "ada@gmial.com", "failed"],
      ["host_notification", "host@example.org", "queued"],
      ["invitation", "ada@gmail.com", "queued"],
    ]);
  });

  it("clears an unsubscribe that came from the old address", () => {
    sendInvites(t.db, host, eventId);
    unsubscribeGuest(t.db, ada().token);
    const id = ada().id;
    expect(correctGuestEmail(t.db, host, eventId, id, "ada@gmail.com")).toEqual({ invited: true });
    expect(guest(id).unsubscribedAt).toBeNull();
  });

  it("refuses invalid, unchanged and duplicate addresses and changes nothing", () => {
    sendInvites(t.db, host, eventId);
    const before = ada();
    const queued = invitations().length;
    expect(correctGuestEmail(t.db, host, eventId, before.id, "")).toEqual({ error: "Enter an email address" });
    expect(correctGuestEmail(t.db, host, eventId, before.id, "not an address")).toEqual({ error: "“not an address” is not a valid email address" });
    expect(correctGuestEmail(t.db, host, eventId, before.id, "ada@gmial.com")).toEqual({ error: "That is already this guest's address" });
    expect(correctGuestEmail(t.db, host, eventId, before.id, "BOB@example.org")).toEqual({ error: "BOB@example.org is already on the guest list" });
    for (const hostile of ["ada@gmail.com\r\nBcc: everyone@example.org", "ada@gmail.com\u0000", "<script>@x.org", `${"a".repeat(250)}@gmail.com`, "a@b@gmail.com"]) {
      expect(correctGuestEmail(t.db, host, eventId, before.id, hostile)).toHaveProperty("error");
    }
    expect(guest(before.id)).toEqual(before);
    expect(invitations()).toHaveLength(queued);
  });

  it("accepts a change of case only, as a correction", () => {
    const id = ada().id;
    expect(correctGuestEmail(t.db, host, eventId, id, "Ada@Gmial.com")).toEqual({ invited: false });
    expect(guest(id).email).toBe("Ada@Gmial.com");
  });

  it("does not know another host's guest, or a guest of another event", () => {
    const mallory = addHost(t.db, "mallory@example.org");
    const malloryEvent = addEvent(t.db, mallory).id;
    const otherEvent = addEvent(t.db, host, { title: "Other" }).id;
    const before = ada();
    expect(correctGuestEmail(t.db, mallory, eventId, before.id, "mallory@example.org")).toBeNull();
    expect(correctGuestEmail(t.db, mallory, malloryEvent, before.id, "mallory@example.org")).toBeNull();
    expect(correctGuestEmail(t.db, host, otherEvent, before.id, "ada@gmail.com")).toBeNull();
    expect(correctGuestEmail(t.db, host, eventId, "no-such-guest", "ada@gmail.com")).toBeNull();
    expect(guest(before.id)).toEqual(before);
  });
});

describe("guestEmailFormSchema", () => {
  it("trims the address and explains what is wrong with it", () => {
    expect(guestEmailFormSchema.parse({ email: " ada@gmail.com " })).toEqual({ email: "ada@gmail.com" });
    expect(guestEmailFormSchema.safeParse({ email: "  " }).error?.issues[0].message).toBe("Enter an email address");
    expect(guestEmailFormSchema.safeParse({ email: "ada@" }).error?.issues[0].message).toBe("“ada@” is not a valid email address");
    expect(guestEmailFormSchema.safeParse({}).success).toBe(false);
  });
});
