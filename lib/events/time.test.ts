import { describe, expect, it } from "vitest";
import { allTimeZones, formatRange, instantToWallTime, isoInZone, isValidTimeZone, wallTimeToInstant, zoneOffsetMs } from "./time";

const at = (wall: string, zone: string) => wallTimeToInstant(wall, zone)?.toISOString();

describe("wallTimeToInstant", () => {
  it("reads an ordinary time in the event's zone, not the server's", () => {
    expect(at("2026-12-21T19:00", "Europe/Paris")).toBe("2026-12-21T18:00:00.000Z");
    expect(at("2026-07-04T19:00", "America/New_York")).toBe("2026-07-04T23:00:00.000Z");
    expect(at("2026-07-04T19:00", "UTC")).toBe("2026-07-04T19:00:00.000Z");
  });

  it("round-trips with instantToWallTime", () => {
    for (const zone of ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"]) {
      const instant = wallTimeToInstant("2026-06-15T08:45", zone)!;
      expect(instantToWallTime(instant, zone)).toBe("2026-06-15T08:45");
    }
  });

  it("moves a time skipped by spring-forward ahead by the jump", () => {
    expect(at("2026-03-29T02:30", "Europe/Paris")).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(at("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z"); // 03:30 EDT
    expect(at("2026-09-27T02:30", "Pacific/Auckland")).toBe("2026-09-26T14:30:00.000Z"); // 03:30 NZDT
    expect(at("2026-10-04T02:15", "Australia/Lord_Howe")).toBe("2026-10-03T15:45:00.000Z"); // 02:45, a half-hour jump
  });

  it("takes the first occurrence of a time repeated by fall-back", () => {
    expect(at("2026-10-25T02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z"); // still CEST
    expect(at("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z"); // still EDT
    expect(at("2026-04-05T02:30", "Pacific/Auckland")).toBe("2026-04-04T13:30:00.000Z"); // still NZDT
    expect(at("2026-04-05T01:45", "Australia/Lord_Howe")).toBe("2026-04-04T14:45:00.000Z"); // still +11
  });

  it("refuses malformed or impossible dates", () => {
    expect(wallTimeToInstant("2026-02-30T10:00", "Europe/Paris")).toBeNull();
    expect(wallTimeToInstant("2026-12-21 19:00", "Europe/Paris")).toBeNull();
    expect(wallTimeToInstant("2026-12-21T24:00", "Europe/Paris")).toBeNull();
    expect(wallTimeToInstant("", "Europe/Paris")).toBeNull();
  });
});

describe("zoneOffsetMs", () => {
  it("gives the zone's offset at that instant, DST included", () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), "Europe/Paris")).toBe(3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), "Europe/Paris")).toBe(7_200_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), "Asia/Kolkata")).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12, 0, 0, 999), "America/New_York")).toBe(-4 * 3_600_000);
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA zones and refuses anything else", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("formatRange", () => {
  // Punctuation between the parts varies with the ICU version, so these check the facts.
  it("names the day once when the event starts and ends on the same day, in the event's zone", () => {
    const text = formatRange(new Date("2026-12-21T18:00:00Z"), new Date("2026-12-21T22:00:00Z"), "Europe/Paris");
    expect(text).toMatch(/^Mon,? 21 Dec 2026, 19:00 – 23:00 CET$/);
  });

  it("gives both dates when the event crosses midnight in its zone", () => {
    // Same UTC day, but past midnight in Paris.
    const text = formatRange(new Date("2026-12-21T20:00:00Z"), new Date("2026-12-21T23:30:00Z"), "Europe/Paris");
    expect(text).toMatch(/^Mon,? 21 Dec 2026, 21:00 CET – Tue,? 22 Dec 2026, 00:30 CET$/);
  });
});

describe("the time-zone list", () => {
  it("offers UTC first and today's names of renamed zones", () => {
    const zones = allTimeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Asia/Kolkata");
    expect(zones).toContain("Europe/Kyiv");
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe("isoInZone", () => {
  it("writes the instant as the event's zone reads it, with its offset, summer and winter", () => {
    expect(isoInZone(new Date("2026-12-21T18:00:00.999Z"), "Europe/Paris")).toBe("2026-12-21T19:00:00+01:00");
    expect(isoInZone(new Date("2026-06-21T18:00:00Z"), "Europe/Paris")).toBe("2026-06-21T20:00:00+02:00");
    expect(isoInZone(new Date("2026-01-01T03:00:00Z"), "America/New_York")).toBe("2025-12-31T22:00:00-05:00");
    expect(isoInZone(new Date("2026-01-01T00:00:00Z"), "Asia/Kathmandu")).toBe("2026-01-01T05:45:00+05:45");
    expect(isoInZone(new Date("2026-01-01T00:00:00Z"), "UTC")).toBe("2026-01-01T00:00:00+00:00");
  });
});
