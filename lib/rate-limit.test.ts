import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/support/db";
import { forgetOldRateWindows, takeRateLimit } from "./rate-limit";

let t: TestDb;
beforeEach(() => {
  t = openTestDb();
});
afterEach(() => t.close());

const perMinute = { limit: 3, windowMs: 60_000 };

describe("rate limits", () => {
  it("allows the limit in a window, refuses the next with the wait, and starts over in the next window", () => {
    const start = 1_000_000 * 60_000 + 5_000;
    for (let i = 0; i < 3; i++) expect(takeRateLimit(t.db, "signin:a@example.org", perMinute, 1, start + i)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(takeRateLimit(t.db, "signin:a@example.org", perMinute, 1, start + 10)).toEqual({ allowed: false, retryAfterMs: 54_990 });
    expect(takeRateLimit(t.db, "signin:b@example.org", perMinute, 1, start + 10).allowed).toBe(true);
    expect(takeRateLimit(t.db, "signin:a@example.org", perMinute, 1, start + 60_000).allowed).toBe(true);
  });

  it("counts a bulk action by its size and never counts a refused one", () => {
    const now = 42 * 60_000;
    expect(takeRateLimit(t.db, "invites:host", perMinute, 2, now).allowed).toBe(true);
    expect(takeRateLimit(t.db, "invites:host", perMinute, 2, now).allowed).toBe(false);
    expect(takeRateLimit(t.db, "invites:host", perMinute, 1, now).allowed).toBe(true);
    expect(takeRateLimit(t.db, "invites:host", perMinute, 5, now + 60_000).allowed).toBe(false);
  });

  it("forgets windows older than a day", () => {
    const now = 100 * 86_400_000;
    takeRateLimit(t.db, "old", perMinute, 1, now - 2 * 86_400_000);
    takeRateLimit(t.db, "new", perMinute, 1, now);
    expect(forgetOldRateWindows(t.db, now)).toBe(1);
  });
});
