import { describe, expect, it } from "vitest";
import { instantToWallTime, wallTimeToInstant } from "@/lib/events/time";
import { reminderTime } from "./schedule";

const at = (wall: string, zone: string) => wallTimeToInstant(wall, zone)!;
const wallOf = (instant: Date, zone: string) => instantToWallTime(instant, zone);

describe("reminderTime", () => {
  it("is exactly the chosen time before the target in the daytime", () => {
    expect(wallOf(reminderTime(at("2030-06-21T19:00", "Europe/Paris"), 24, "Europe/Paris"), "Europe/Paris")).toBe("2030-06-20T19:00");
    expect(wallOf(reminderTime(at("2030-06-21T10:00", "Europe/Paris"), 2, "Europe/Paris"), "Europe/Paris")).toBe("2030-06-21T08:00");
  });

  it("waits for 08:00 when it would fall between 21:00 and 08:00, in the event's zone", () => {
    // 23:30 and 06:00 the day before in Tokyo, whatever the server's zone.
    expect(wallOf(reminderTime(at("2030-06-21T23:30", "Asia/Tokyo"), 24, "Asia/Tokyo"), "Asia/Tokyo")).toBe("2030-06-21T08:00");
    expect(wallOf(reminderTime(at("2030-06-21T06:00", "Asia/Tokyo"), 48, "Asia/Tokyo"), "Asia/Tokyo")).toBe("2030-06-19T08:00");
    // 21:00 itself is quiet; 20:59 is not.
    expect(wallOf(reminderTime(at("2030-06-21T21:00", "UTC"), 24, "UTC"), "UTC")).toBe("2030-06-21T08:00");
    expect(wallOf(reminderTime(at("2030-06-21T20:59", "UTC"), 24, "UTC"), "UTC")).toBe("2030-06-20T20:59");
  });

  it("goes the evening before when the morning would be too late for the target", () => {
    // A 07:00 start with a 2-hour reminder: 05:00 is quiet, 08:00 is after the start.
    expect(wallOf(reminderTime(at("2030-06-21T07:00", "Europe/Paris"), 2, "Europe/Paris"), "Europe/Paris")).toBe("2030-06-20T20:00");
    // A deadline at 23:00 with a 2-hour reminder: 21:00 is quiet, the next 08:00 too late.
    expect(wallOf(reminderTime(at("2030-06-21T23:00", "Europe/Paris"), 2, "Europe/Paris"), "Europe/Paris")).toBe("2030-06-21T20:00");
  });

  it("keeps local hours across daylight-saving changes", () => {
    // 24 hours are 24 hours: across the spring change the wall clock says an hour less...
    expect(wallOf(reminderTime(at("2030-03-31T19:00", "Europe/Paris"), 24, "Europe/Paris"), "Europe/Paris")).toBe("2030-03-30T18:00");
    // ...and across the autumn change an hour more.
    expect(wallOf(reminderTime(at("2030-11-03T19:00", "America/New_York"), 24, "America/New_York"), "America/New_York")).toBe("2030-11-02T20:00");
    // And a quiet-hours reminder on the change night waits for 08:00 local, not 08:00 of the old offset.
    const morning = reminderTime(at("2030-03-31T12:00", "Europe/Paris"), 12, "Europe/Paris");
    expect(wallOf(morning, "Europe/Paris")).toBe("2030-03-31T08:00");
    expect(morning.toISOString()).toBe("2030-03-31T06:00:00.000Z");
  });
});
