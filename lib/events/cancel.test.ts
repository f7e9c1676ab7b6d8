import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests, outbox } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { composeMail } from "@/lib/mail/compose";
import { findInvitation, recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { cancelEvent, guestsToTellOfCancellation } from "./cancel";
import { findHostEvent } from "./events";

let t: TestDb;
let host: string;
beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace");
});
afterEach(() => t.close());

const kinds = (eventId: string) => t.db.select().from(outbox).where(eq(outbox.eventId, eventId)).all();

describe("cancelEvent", () => {
  it("tells every invited guest who did not unsubscribe, and stops invitations still waiting", () => {
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "ada@example.org\nalan@example.org\noff@example.org");
    sendInvites(t.db, host, event.id);
    addGuestList(t.db, host, event.id, "late@example.org");
    t.db.update(guests).set({ unsubscribedAt: new Date() }).where(eq(guests.email, "off@example.org")).run();
    expect(guestsToTellOfCancellation(t.db, event.id)).toBe(2);

    expect(cancelEvent(t.db, host, event.id, "The venue flooded.")).toBe(2);
    const mail = kinds(event.id);
    expect(mail.filter((m) => m.kind === "cancellation").map((m) => m.toAddress).sort()).toEqual(["ada@example.org", "alan@example.org"]);
    expect(mail.filter((m) => m.kind === "invitation").map((m) => m.state)).toEqual(["failed", "failed", "failed"]);
    // Each told guest's row follows their cancellation email.
    const ada = t.db.select().from(guests).where(eq(guests.email, "ada@example.org")).get()!;
    expect(ada.lastNoticeId).toBe(mail.find((m) => m.kind === "cancellation" && m.toAddress === "ada@example.org")!.id);
    const cancelled = findHostEvent(t.db, host, event.id)!;
    expect(cancelled).toMatchObject({ cancelMessage: "The venue flooded.", sequence: event.sequence + 1 });
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);

    // Cancelling twice tells nobody twice; nothing more is sent for it.
    expect(cancelEvent(t.db, host, event.id, "again")).toBe(0);
    expect(sendInvites(t.db, host, event.id)).toBe(0);
  });

  it("closes answers, and writes a calendar cancel into the guest's email", async () => {
    const event = addEvent(t.db, host);
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
    sendInvites(t.db, host, event.id);
    const token = t.db.select().from(guests).get()!.token;
    cancelEvent(t.db, host, event.id, "Sorry <all>.\nNew date soon.");
    expect(recordRsvp(t.db, token, { answer: "yes", note: "" })).toBe("closed");
    expect(findInvitation(t.db, token)?.event.cancelledAt).not.toBeNull();

    const row = kinds(event.id).find((m) => m.kind === "cancellation")!;
    const mail = await composeMail(t.db, row, { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
    expect(mail).toMatchObject({ to: "ada@example.org", subject: `Cancelled: ${event.title}`, replyTo: "grace@example.org" });
    expect(mail!.text).toContain("Grace has cancelled this event.");
    expect(mail!.text).toContain("Sorry <all>.");
    expect(mail!.html).toContain("Sorry &lt;all&gt;.");
    const ics = mail!.attachments![0].content;
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain(`UID:${event.id}@fastinviter`);
  });

  it("refuses another host", () => {
    const event = addEvent(t.db, host);
    const other = addHost(t.db, "mallory@example.org");
    expect(cancelEvent(t.db, other, event.id, "")).toBeNull();
    expect(findHostEvent(t.db, host, event.id)?.cancelledAt).toBeNull();
  });
});
