import { describe, expect, it } from "vitest";
import { LIMITS, eventFormSchema, eventFormValues, parseEventForm } from "./schema";

const form = (overrides: Record<string, unknown> = {}) => ({
  title: "Winter solstice dinner",
  description: "",
  timeZone: "Europe/Paris",
  startsAt: "2026-12-21T19:00",
  endsAt: "2026-12-21T23:00",
  locationAddress: "",
  locationUrl: "",
  rsvpDeadline: "",
  // eventFormValues always sends every key; unticked boxes arrive as "".
  notifyHostOnAnswer: "",
  confirmToGuest: "",
  ...overrides,
});

/** The messages the form would show next to each field. */
function errors(overrides: Record<string, unknown>) {
  const result = eventFormSchema.safeParse(form(overrides));
  expect(result.success).toBe(false);
  return result.error!.flatten().fieldErrors as Record<string, string[] | undefined>;
}

describe("eventFormSchema", () => {
  it("turns the form's wall times into instants in the chosen zone", () => {
    const event = eventFormSchema.parse(form({ rsvpDeadline: "2026-12-18T18:00", timeZone: "America/New_York" }));
    expect(event.startsAt.toISOString()).toBe("2026-12-22T00:00:00.000Z");
    expect(event.endsAt.toISOString()).toBe("2026-12-22T04:00:00.000Z");
    expect(event.rsvpDeadline?.toISOString()).toBe("2026-12-18T23:00:00.000Z");
  });

  it("leaves the deadline empty when none is given", () => {
    expect(eventFormSchema.parse(form()).rsvpDeadline).toBeNull();
  });

  it("refuses an end at or before the start", () => {
    expect(errors({ endsAt: "2026-12-21T19:00" }).endsAt).toEqual(["End must be after the start"]);
    expect(errors({ endsAt: "2026-12-20T23:00" }).endsAt).toEqual(["End must be after the start"]);
  });

  it("refuses an RSVP deadline after the event ends", () => {
    expect(errors({ rsvpDeadline: "2026-12-22T00:00" }).rsvpDeadline).toEqual(["RSVP deadline must be before the event ends"]);
  });

  it("refuses an unknown time zone", () => {
    expect(errors({ timeZone: "Europe/Atlantis" }).timeZone).toEqual(["Choose a valid time zone"]);
  });

  it("refuses missing or impossible dates", () => {
    expect(errors({ startsAt: "" }).startsAt).toEqual(["Start needs a date and a time"]);
    expect(errors({ startsAt: "2026-02-30T19:00" }).startsAt).toEqual(["Start is not a valid date"]);
    expect(errors({ rsvpDeadline: "tomorrow" }).rsvpDeadline).toEqual(["RSVP deadline is not a valid date"]);
  });

  it("requires a one-line title within the limit", () => {
    expect(errors({ title: "   " }).title).toEqual(["Give the event a title"]);
    expect(errors({ title: "Dinner\r\nBcc: everyone" }).title).toEqual(["Title must be a single line"]);
    expect(errors({ title: "Dinner\u2028party" }).title).toEqual(["Title must be a single line"]);
    expect(errors({ title: "x".repeat(LIMITS.title + 1) }).title).toEqual([`Title must be at most ${LIMITS.title} characters`]);
    expect(eventFormSchema.parse(form({ title: `  ${"x".repeat(LIMITS.title)}  ` })).title).toHaveLength(LIMITS.title);
  });

  it("refuses control characters and direction overrides but keeps line breaks in the description", () => {
    expect(errors({ title: "Dinner\u0007" }).title).toEqual(["Title contains characters that are not allowed"]);
    expect(errors({ locationAddress: "Rue \u202Esilil" }).locationAddress).toEqual(["Address contains characters that are not allowed"]);
    expect(errors({ description: "Bring\u0000 food" }).description).toBeDefined();
    expect(eventFormSchema.parse(form({ description: "  Line one\r\nLine two\tindented  " })).description).toBe("Line one\nLine two\tindented");
  });

  it("accepts only http(s) online links", () => {
    expect(eventFormSchema.parse(form({ locationUrl: " https://meet.example.org/abc?x=1 " })).locationUrl).toBe("https://meet.example.org/abc?x=1");
    expect(errors({ locationUrl: "javascript:alert(1)" }).locationUrl).toEqual(["Online link must start with http:// or https://"]);
    expect(errors({ locationUrl: "https://exa mple.org" }).locationUrl).toBeDefined();
    expect(errors({ locationUrl: "http://[::1" }).locationUrl).toEqual(["Online link is not a valid URL"]);
  });

  it("reads the checkboxes as the browser sends them", () => {
    const checked = eventFormSchema.parse(form({ notifyHostOnAnswer: "on", confirmToGuest: "true" }));
    expect([checked.notifyHostOnAnswer, checked.confirmToGuest]).toEqual([true, true]);
    const unchecked = eventFormSchema.parse(form({ notifyHostOnAnswer: "", confirmToGuest: undefined }));
    expect([unchecked.notifyHostOnAnswer, unchecked.confirmToGuest]).toEqual([false, false]);
    expect(eventFormSchema.safeParse(form({ confirmToGuest: "yes please" })).success).toBe(false);
  });
});

describe("eventFormValues", () => {
  it("reads an unticked checkbox, absent from FormData, as unchecked", () => {
    const data = new FormData();
    for (const [k, v] of Object.entries(form())) data.set(k, v);
    data.set("confirmToGuest", "on");
    const event = eventFormSchema.parse(eventFormValues(data));
    expect(event.confirmToGuest).toBe(true);
    expect(event.notifyHostOnAnswer).toBe(false);
  });
});

describe("times the clocks skip", () => {
  it("refuses a start that does not exist on a spring-forward day, naming it", () => {
    const result = eventFormSchema.safeParse({
      title: "Night owls",
      timeZone: "America/New_York",
      startsAt: "2027-03-14T02:30",
      endsAt: "2027-03-14T03:30",
      notifyHostOnAnswer: "on",
      confirmToGuest: "on",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["startsAt", "02:30 does not exist on that day in America/New_York (the clocks go forward): choose another time"],
    ]);
  });
});

describe("parseEventForm", () => {
  it("reports every problem at once, the times checked against each other too", () => {
    const result = parseEventForm({
      title: "",
      description: "",
      timeZone: "Europe/Paris",
      startsAt: "2030-06-21T21:00",
      endsAt: "2030-06-21T18:00",
      locationAddress: "",
      locationUrl: "ftp://example.org",
      rsvpDeadline: "",
      notifyHostOnAnswer: "on",
      confirmToGuest: "",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors.title).toEqual(["Give the event a title"]);
    expect(result.errors.locationUrl).toEqual(["Online link must start with http:// or https://"]);
    expect(result.errors.endsAt).toEqual(["End must be after the start"]);
  });

  it("gives the parsed event when all is well", () => {
    const result = parseEventForm({ title: "Fine", timeZone: "UTC", startsAt: "2030-01-01T10:00", endsAt: "2030-01-01T11:00", notifyHostOnAnswer: "", confirmToGuest: "" });
    expect(result.success && result.data.startsAt.toISOString()).toBe("2030-01-01T10:00:00.000Z");
  });
});
