import { describe, expect, it } from "vitest";
import type { Event } from "@/db/schema";
import { htmlString } from "@/lib/html";
import { invitationPage } from "./page";
import type { Invitation } from "./rsvp";

const event = {
  id: "e1",
  title: `Dinner <script>alert("t")</script>`,
  description: "Bring <b>food</b>\nand drinks",
  startsAt: new Date("2030-06-21T17:00:00Z"),
  endsAt: new Date("2030-06-21T21:00:00Z"),
  timeZone: "Europe/Paris",
  locationAddress: "12 Rue des Lilas",
  locationUrl: "https://example.org/map?a=1&b=2",
  rsvpDeadline: new Date("2030-06-18T16:00:00Z"),
  cancelledAt: null,
  cancelMessage: null,
  capacity: null,
  plusOnesLimit: 0,
} as unknown as Event;

function invitation(overrides: { guest?: Partial<Invitation["guest"]>; event?: Partial<Event> } = {}): Invitation {
  return {
    guest: { id: "g1", name: "Ada <img src=x>", email: "ada@example.org", answer: null, note: "", answeredAt: null, token: "tok123", reconfirmRequestedAt: null, plusOnes: 0, waitlistedAt: null, ...overrides.guest },
    event: { ...event, ...overrides.event },
    host: { name: "Grace", email: "grace@example.org" },
    peopleComing: 0,
    peopleWaiting: 0,
  };
}

const render = (inv: Invitation, query = {}, now = new Date("2030-06-01T00:00:00Z")) => htmlString(invitationPage(inv, query, "http://localhost:3000", now).body);

describe("the guest's invitation page", () => {
  it("shows what hosts and guests typed as text, never as markup", () => {
    const page = render(invitation({ guest: { note: "</textarea><script>x()</script>" } }));
    expect(page).toContain("Dinner &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    expect(page).toContain("Ada &lt;img src=x&gt;");
    expect(page).toContain("Bring &lt;b&gt;food&lt;/b&gt;");
    expect(page).toContain("&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>");
    expect(page).toContain('href="https://example.org/map?a=1&amp;b=2"');
    expect(page).not.toMatch(/<script|<img|<b>/);
  });

  it("gives the time in the event's zone, the deadline, and calendar links on the guest's own link", () => {
    const page = render(invitation());
    expect(page).toContain("21 Jun 2030, 19:00 – 23:00 CEST");
    expect(page).toContain("Answer by");
    expect(page).toContain('href="/i/tok123/event.ics"');
    expect(page).toContain("https://calendar.google.com/");
    expect(page).toContain('data-zone="Europe/Paris"');
  });

  it("preselects the answer from the email's button, else the guest's saved answer", () => {
    expect(render(invitation(), { answer: "maybe" })).toMatch(/value="maybe" checked/);
    expect(render(invitation({ guest: { answer: "no" } }))).toMatch(/value="no" checked/);
    expect(render(invitation({ guest: { answer: "no" } }), { answer: "bogus" })).toMatch(/value="no" checked/);
    expect(render(invitation())).not.toContain("checked");
  });

  it("thanks the guest after saving and names a known problem, ignoring unknown ones", () => {
    expect(render(invitation({ guest: { answer: "yes" } }), { saved: "1" })).toContain("your answer is saved: Yes, I&#39;ll be there");
    expect(render(invitation(), { problem: "note" })).toContain('role="alert"');
    expect(render(invitation(), { problem: "<script>" })).not.toContain('role="alert"');
  });

  it("asks a guest who said yes to confirm again after the date moved", () => {
    const page = render(invitation({ guest: { answer: "yes", reconfirmRequestedAt: new Date("2030-06-01T00:00:00Z") } }));
    expect(page).toContain("Can you still come?");
    expect(page).toContain("moved to another day");
    expect(page).toMatch(/value="yes" checked/);
    expect(render(invitation({ guest: { answer: "yes" } }))).not.toContain("moved to another day");
  });

  it("offers plus-ones up to the event's limit, keeping the guest's choice", () => {
    const page = render(invitation({ event: { plusOnesLimit: 2 }, guest: { answer: "yes", plusOnes: 1 } }));
    expect(page).toContain('<option value="0">Just me</option>');
    expect(page).toContain('<option value="1" selected>Me and 1 other</option>');
    expect(page).toContain('<option value="2">Me and 2 others</option>');
    expect(page).not.toContain('value="3"');
    expect(render(invitation())).not.toContain('name="plusOnes"');
  });

  it("says when the guest is on the waitlist, or that a yes would put them there", () => {
    expect(render(invitation({ event: { capacity: 10 }, guest: { answer: "yes", waitlistedAt: new Date() } }))).toContain("You are on the waitlist");
    expect(render({ ...invitation({ event: { capacity: 10 } }), peopleComing: 3, peopleWaiting: 1 })).toContain("1 guest is waiting: answering yes puts you on the waitlist");
    const full = { ...invitation({ event: { capacity: 10 } }), peopleComing: 10 };
    expect(render(full)).toContain("answering yes puts you on the waitlist");
    expect(render({ ...full, peopleComing: 9 })).not.toContain("waitlist");
  });

  it("offers no form once answers close, and says why", () => {
    const late = render(invitation({ guest: { answer: "yes" } }), { problem: "closed" }, new Date("2030-06-19T00:00:00Z"));
    expect(late).toContain("Answers are closed");
    expect(late).toContain("arrived after the deadline");
    expect(late).not.toContain("<form");
    const cancelled = render(invitation({ event: { cancelledAt: new Date("2030-06-02T00:00:00Z"), cancelMessage: "Sorry <all>" } }));
    expect(cancelled).toContain("This event is cancelled");
    expect(cancelled).toContain("Sorry &lt;all&gt;");
    expect(cancelled).not.toContain("<form");
  });
});
