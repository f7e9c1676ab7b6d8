import { describe, expect, it } from "vitest";
import { looksLikeGuestToken, newGuestToken, secretsEqual } from "./tokens";

describe("guest tokens", () => {
  it("carry at least 128 random bits in a URL-safe form the link checker accepts", () => {
    const token = newGuestToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(looksLikeGuestToken(token)).toBe(true);
  });

  it("are all different", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newGuestToken));
    expect(tokens.size).toBe(1000);
  });

  it("do not repeat bits between tokens, as a counter or clock would", () => {
    // Two random 192-bit values share a 6-character base64url prefix with odds of 2^-36.
    const prefixes = new Set(Array.from({ length: 200 }, () => newGuestToken().slice(0, 6)));
    expect(prefixes.size).toBe(200);
  });

  it("are told apart from things that are not tokens", () => {
    for (const bad of ["", "short", `${newGuestToken()}x`, "a".repeat(31) + "/", "../../etc/passwd".padEnd(32, "a")]) {
      expect(looksLikeGuestToken(bad)).toBe(false);
    }
  });
});

describe("secretsEqual", () => {
  it("compares whole values, including different lengths", () => {
    expect(secretsEqual("abc", "abc")).toBe(true);
    expect(secretsEqual("abc", "abd")).toBe(false);
    expect(secretsEqual("abc", "abcd")).toBe(false);
  });
});
