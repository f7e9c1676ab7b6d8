import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { addCohost, removeCohost } from "@/lib/events/cohosts";
import { addEvent, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { composeMail } from "./compose";

const ctx = { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" };
let t: TestDb;
let host: string;

beforeEach(() => {
  t = openTestDb();
  host = addHost(t.db, "grace@example.org", "Grace <b>Hopper</b>");
});
afterEach(() => t.close());

const invitation = () => t.db.select().from(outbox).where(eq(outbox.kind, "cohost_invitation")).get()!;

describe("the co-host invitation", () => {
  it("names the host, links to the event page and says to sign in with the invited address", async () => {
    const event = addEvent(t.db, host, { title: "Solstice <dinner>" });
    addCohost(t.db, host, event.id, "Ada@Example.org");
    const mail = await composeMail(t.db, invitation(), ctx);
    expect(mail).toMatchObject({
      from: ctx.mailFrom,
      to: "Ada@Example.org",
      replyTo: "grace@example.org",
      subject: "Grace <b>Hopper</b> added you as a co-host: Solstice <dinner>",
    });
    const link = `http://localhost:3000/events/${event.id}`;
    expect(mail!.html).toContain(`href="${link}"`);
    expect(mail!.text).toContain(link);
    expect(mail!.text).toContain("sign in with this email address, Ada@Example.org");
    expect(mail!.text).toMatch(/21 Dec 2026, 19:00 – 23:00 CET/);
    expect(mail!.text).toContain("Only Grace <b>Hopper</b> can delete the event");
    // The host's name and the title are text, never markup.
    expect(mail!.html).not.toContain("<b>Hopper</b>");
    expect(mail!.html).toContain("Grace &lt;b&gt;Hopper&lt;/b&gt;");
    expect(mail!.html).not.toContain("Solstice <dinner>");
  });

  it("is not written once the host has taken the person off the co-hosts", async () => {
    const event = addEvent(t.db, host);
    addCohost(t.db, host, event.id, "ada@example.org");
    const row = invitation();
    removeCohost(t.db, host, event.id, "ada@example.org");
    expect(await composeMail(t.db, row, ctx)).toBeNull();
  });
});
