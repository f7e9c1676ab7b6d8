import { describe, expect, it } from "vitest";
import { eventIcs, googleCalendarUrl, icsFileName } from "./ics";

const event = {
  id: "2f1c6f0e-1111-4222-8333-444455556666",
  title: "Dinner, drinks; and more",
  description: "Bring a dish.\nKids welcome; no gifts, please.",
  startsAt: new Date("2026-12-21T18:00:00Z"),
  endsAt: new Date("2026-12-21T22:00:00Z"),
  locationAddress: "12 Rue des Lilas, Paris",
  locationUrl: "https://meet.example.org/x",
  updatedAt: new Date("2026-12-01T10:00:00Z"),
  timeZone: "Europe/Paris",
  sequence: 0,
};

/** Property lines with folded continuation lines joined back, as a calendar reads them. */
function properties(ics: string): Map<string, string> {
  const lines = ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  return new Map(lines.filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)]));
}

describe("eventIcs", () => {
  it("gives the same UID for the same event every time, and different ones for different events", () => {
    const first = properties(eventIcs(event)).get("UID");
    expect(first).toBeTruthy();
    expect(properties(eventIcs({ ...event, title: "Renamed" })).get("UID")).toBe(first);
    expect(properties(eventIcs({ ...event, id: "another-event" })).get("UID")).not.toBe(first);
  });

  it("writes start and end as the event's UTC instants", () => {
    const p = properties(eventIcs(event));
    expect(p.get("DTSTART")).toBe("20261221T180000Z");
    expect(p.get("DTEND")).toBe("20261221T220000Z");
  });

  it("escapes commas, semicolons and line breaks in user text", () => {
    const p = properties(eventIcs(event));
    expect(p.get("SUMMARY")).toBe("Dinner\\, drinks\\; and more");
    expect(p.get("DESCRIPTION")).toBe("Bring a dish.\\nKids welcome\\; no gifts\\, please.");
    expect(p.get("LOCATION")).toContain("12 Rue des Lilas\\, Paris");
  });

  it("cannot be made to add properties through the title", () => {
    const ics = eventIcs({ ...event, title: "Party\r\nATTENDEE:mailto:evil@example.org" });
    expect(properties(ics).has("ATTENDEE")).toBe(false);
  });

  it("publishes by default and carries the method and sequence it is given", () => {
    const plain = properties(eventIcs(event));
    expect(plain.get("METHOD")).toBe("PUBLISH");
    expect(plain.get("SEQUENCE")).toBe("0");
    const cancel = properties(eventIcs(event, { method: "CANCEL", sequence: 3 }));
    expect(cancel.get("METHOD")).toBe("CANCEL");
    expect(cancel.get("SEQUENCE")).toBe("3");
    expect(cancel.get("STATUS")).toBe("CANCELLED");
  });

  it("includes the link to the invitation when given", () => {
    expect(properties(eventIcs(event, { url: "http://localhost:3000/i/abc" })).get("URL")).toBe("http://localhost:3000/i/abc");
  });
});

describe("googleCalendarUrl", () => {
  it("fills in Google Calendar's form with the event in UTC and its zone", () => {
    const url = new URL(googleCalendarUrl(event, "http://localhost:3000/i/abc"));
    expect(url.origin).toBe("https://calendar.google.com");
    expect(url.searchParams.get("text")).toBe(event.title);
    expect(url.searchParams.get("dates")).toBe("20261221T180000Z/20261221T220000Z");
    expect(url.searchParams.get("ctz")).toBe("Europe/Paris");
    expect(url.searchParams.get("details")).toContain("http://localhost:3000/i/abc");
    expect(url.searchParams.get("location")).toContain("12 Rue des Lilas");
  });
});

describe("icsFileName", () => {
  it("makes a safe file name from the title", () => {
    expect(icsFileName("Winter Solstice Dinner!")).toBe("winter-solstice-dinner.ics");
    expect(icsFileName("../../etc/passwd")).toBe("etc-passwd.ics");
    expect(icsFileName("🎉🎉")).toBe("event.ics");
    expect(icsFileName("x".repeat(200))).toBe(`${"x".repeat(60)}.ics`);
  });
});

describe("an edited event", () => {
  it("keeps its UID and raises SEQUENCE so calendars replace the old entry", () => {
    const before = properties(eventIcs(event));
    const after = properties(eventIcs({ ...event, startsAt: new Date("2026-12-21T19:00:00Z"), sequence: 1 }));
    expect(after.get("UID")).toBe(before.get("UID"));
    expect([before.get("SEQUENCE"), after.get("SEQUENCE")]).toEqual(["0", "1"]);
  });
});
