import { describe, expect, it } from "vitest";
import { parseGuestList } from "./parse";
import { editDistance, suggestDomain, suggestEmail, typoHints } from "./typos";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
    expect(editDistance("gmail.com", "gmail.com")).toBe(0);
    expect(editDistance("gmial.com", "gmail.com")).toBe(1);
    expect(editDistance("gmai.com", "gmail.com")).toBe(1);
    expect(editDistance("gmaill.com", "gmail.com")).toBe(1);
    expect(editDistance("gmsil.com", "gmail.com")).toBe(1);
    expect(editDistance("gmai.con", "gmail.com")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("gmaíl.com", "gmail.com")).toBe(1);
  });
});

describe("suggestDomain", () => {
  it.each([
    ["gmial.com", "gmail.com"],
    ["gmai.com", "gmail.com"],
    ["gnail.com", "gmail.com"],
    ["gmail.con", "gmail.com"],
    ["gmail.co", "gmail.com"],
    ["gmail.cmo", "gmail.com"],
    ["gmai.con", "gmail.com"],
    ["GMIAL.COM", "gmail.com"],
    ["hotmail.cm", "hotmail.com"],
    ["hotmial.com", "hotmail.com"],
    ["hotmail.fe", "hotmail.fr"],
    ["hotmial.fr", "hotmail.fr"],
    ["yaho.com", "yahoo.com"],
    ["yahooo.fr", "yahoo.fr"],
    ["yaho.co.uk", "yahoo.co.uk"],
    ["yahoo.com.uk", "yahoo.co.uk"],
    ["outlok.com", "outlook.com"],
    ["iclod.com", "icloud.com"],
    ["googlemial.com", "googlemail.com"],
    ["protonmial.com", "protonmail.com"],
    ["proton.m", "proton.me"],
    ["wanado.fr", "wanadoo.fr"],
    ["orange.fe", "orange.fr"],
    ["fre.fr", "free.fr"],
    ["comcast.ner", "comcast.net"],
    ["btinternet.co", "btinternet.com"],
    ["aol.con", "aol.com"],
    ["me.cm", "me.com"],
    ["gmx.dr", "gmx.de"],
    ["web.ed", "web.de"],
  ])("takes %s for %s", (typed, meant) => {
    expect(suggestDomain(typed)).toBe(meant);
  });

  it.each([
    // The providers themselves, in any case.
    "gmail.com",
    "Gmail.Com",
    "googlemail.com",
    "yahoo.co.uk",
    "proton.me",
    "gmx.de",
    // Real domains a typo away from a provider.
    "mail.com",
    "ymail.com",
    "mac.com",
    "gmx.net",
    "gmx.es",
    "yahoo.de",
    "yahoo.es",
    "yahoo.it",
    "live.ca",
    "hotmail.it",
    "protonmail.ch",
    "pm.me",
    "outlook.fr",
    // Ordinary domains, near and far.
    "example.org",
    "example.com",
    "university.edu",
    "aon.com",
    "gmc.com",
    "wdr.de",
    "ms.com",
    "lidl.com",
    "mailbox.org",
    "posteo.de",
    "",
  ])("leaves %s alone", (domain) => {
    expect(suggestDomain(domain)).toBeNull();
  });

  it("does not guess a far-off name from a provider's ending", () => {
    expect(suggestDomain("zzzzz.com")).toBeNull();
    expect(suggestDomain("gmail")).toBeNull();
    expect(suggestDomain("gmail.org.uk.example")).toBeNull();
  });

  it("survives hostile input without guessing or stalling", () => {
    expect(suggestDomain("gmail.com".repeat(10_000))).toBeNull();
    expect(suggestDomain("\u0000gmail.com")).toBe("gmail.com");
    expect(suggestDomain("<script>.com")).toBeNull();
    expect(suggestDomain("gmail.com\u202e")).toBe("gmail.com");
    expect(suggestDomain("💌💌💌💌.com")).toBeNull();
  });
});

describe("suggestEmail", () => {
  it("keeps the part before the @ as typed and corrects the domain", () => {
    expect(suggestEmail("Ada.Lovelace+party@GMIAL.com")).toBe("Ada.Lovelace+party@gmail.com");
    expect(suggestEmail("  ada@gmail.con ")).toBe("ada@gmail.com");
    expect(suggestEmail('"odd@local"@hotmail.cm')).toBe('"odd@local"@hotmail.com');
  });

  it("has nothing to say about a correct or unparseable address", () => {
    expect(suggestEmail("ada@gmail.com")).toBeNull();
    expect(suggestEmail("ada@example.org")).toBeNull();
    expect(suggestEmail("gmial.com")).toBeNull();
    expect(suggestEmail("@gmial.com")).toBeNull();
    expect(suggestEmail("ada@")).toBeNull();
  });
});

describe("typoHints", () => {
  it("points out each mistyped address with its line, and only those", () => {
    const parsed = parseGuestList("Ada <ada@gmial.com>\ngrace@example.org, alan@hotmail.cm\nbob@gmail.com");
    expect(typoHints(parsed.guests)).toEqual([
      { line: 1, email: "ada@gmial.com", suggestion: "ada@gmail.com" },
      { line: 2, email: "alan@hotmail.cm", suggestion: "alan@hotmail.com" },
    ]);
  });
});
