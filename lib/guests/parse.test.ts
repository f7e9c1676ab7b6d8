import { describe, expect, it } from "vitest";
import { GUEST_LIMITS, emailProblem, nameProblem, parseGuestList, singleGuest } from "./parse";

const emails = (text: string) => parseGuestList(text).guests.map((g) => g.email);

describe("parseGuestList", () => {
  it("reads the usual ways people paste addresses", () => {
    const { guests, rejected } = parseGuestList(
      ['Ada Lovelace <ada@example.org>', '"Hopper, Grace" <grace@example.org>', "Alan Turing alan@example.org", "linus@example.org"].join("\n"),
    );
    expect(rejected).toEqual([]);
    expect(guests).toEqual([
      { name: "Ada Lovelace", email: "ada@example.org", line: 1 },
      { name: "Hopper, Grace", email: "grace@example.org", line: 2 },
      { name: "Alan Turing", email: "alan@example.org", line: 3 },
      { name: "", email: "linus@example.org", line: 4 },
    ]);
  });

  it("splits a line at commas and semicolons but not inside quotes", () => {
    expect(emails('a@example.org, b@example.org; "Doe, Jane" <c@example.org>')).toEqual(["a@example.org", "b@example.org", "c@example.org"]);
  });

  it("accepts Windows and old Mac line endings and skips blank lines", () => {
    const { guests } = parseGuestList("a@example.org\r\n\r\nb@example.org\rc@example.org\n");
    expect(guests.map((g) => [g.email, g.line])).toEqual([
      ["a@example.org", 1],
      ["b@example.org", 3],
      ["c@example.org", 4],
    ]);
  });

  it("refuses bad entries one by one with their line and reason, keeping the good ones", () => {
    const { guests, rejected } = parseGuestList("good@example.org\nJust A Name\nBob <not-an-address>\nok@example.org");
    expect(guests.map((g) => g.email)).toEqual(["good@example.org", "ok@example.org"]);
    expect(rejected).toEqual([
      { line: 2, text: "Just A Name", reason: "no email address found" },
      { line: 3, text: "Bob <not-an-address>", reason: expect.stringContaining("not a valid email address") },
    ]);
  });

  it("keeps the first of two entries for the same address, whatever the case", () => {
    const { guests, rejected } = parseGuestList("Ada <ada@example.org>\nADA@Example.org");
    expect(guests).toHaveLength(1);
    expect(guests[0].name).toBe("Ada");
    expect(rejected).toEqual([{ line: 2, text: "ADA@Example.org", reason: "listed twice in this paste" }]);
  });

  it("refuses a name carrying markup or direction overrides", () => {
    const { guests, rejected } = parseGuestList("Eve <script> eve@example.org\n\u202Egnp.exe mallory@example.org");
    expect(guests).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual([
      "name contains characters that are not allowed",
      "name contains characters that are not allowed",
    ]);
  });

  it("refuses a paste over the size limit as a whole, saying how to proceed", () => {
    const huge = "a@example.org\n".repeat(Math.ceil(GUEST_LIMITS.pasteChars / 14) + 1);
    const { guests, rejected } = parseGuestList(huge);
    expect(guests).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatch(/longer than 200,000 characters/);
  });

  it("accepts a paste just under the size limit", () => {
    const line = "a@example.org\n";
    const fits = line + " ".repeat(GUEST_LIMITS.pasteChars - line.length);
    expect(parseGuestList(fits).guests).toHaveLength(1);
  });
});

describe("singleGuest", () => {
  it("trims and accepts a name and an address", () => {
    expect(singleGuest("  Ada ", " ada@example.org ")).toEqual({ guests: [{ name: "Ada", email: "ada@example.org", line: 1 }], rejected: [] });
  });

  it("asks for an address when none is typed", () => {
    expect(singleGuest("Ada", "  ").rejected[0].reason).toBe("enter an email address");
  });

  it("refuses an invalid address or a bad name", () => {
    expect(singleGuest("Ada", "ada@").guests).toEqual([]);
    expect(singleGuest("<b>Ada</b>", "ada@example.org").rejected[0].reason).toMatch(/not allowed/);
  });
});

describe("emailProblem and nameProblem", () => {
  it("accept ordinary values", () => {
    expect(emailProblem("first.last+tag@sub.example.org")).toBeNull();
    expect(nameProblem("Zoë O'Brien-Núñez")).toBeNull();
  });

  it("refuse addresses with spaces, line breaks or over the length limit", () => {
    expect(emailProblem("ada @example.org")).not.toBeNull();
    expect(emailProblem("ada@example.org\r\nBcc: x@example.org")).not.toBeNull();
    expect(emailProblem(`${"a".repeat(64)}@${"b".repeat(186)}.org`)).toMatch(/longer than 254/);
  });

  it("refuse names over the limit or with control characters", () => {
    expect(nameProblem("x".repeat(GUEST_LIMITS.name))).toBeNull();
    expect(nameProblem("x".repeat(GUEST_LIMITS.name + 1))).toMatch(/longer than 100/);
    expect(nameProblem("Ada\u0000")).not.toBeNull();
  });
});

describe("details a mail client's address book produces", () => {
  it("unescapes quoted display names", () => {
    expect(parseGuestList('"Quote \\"Man\\"" <quote@example.org>').guests).toEqual([{ name: 'Quote "Man"', email: "quote@example.org", line: 1 }]);
  });

  it("refuses a part before the @ longer than 64 characters", () => {
    const long = `${"a".repeat(65)}@example.org`;
    expect(parseGuestList(long).rejected[0].reason).toBe("the part before the @ is longer than 64 characters");
    expect(parseGuestList(`${"a".repeat(64)}@example.org`).guests).toHaveLength(1);
  });
});
