import { eq } from "drizzle-orm";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { outbox, type OutboxRow } from "@/db/schema";
import { openTestDb, type TestDb } from "@/tests/support/db";
import { MAX_ATTEMPTS, STALE_CLAIM_MS, claimDueMail, enqueueMail, markFailed, markSent, pendingMailCount, retryDelayMs } from "./outbox";

let t: TestDb;
beforeEach(() => {
  t = openTestDb();
});
afterEach(() => t.close());

const row = (id: number) => t.db.select().from(outbox).where(eq(outbox.id, id)).get()!;
const queue = (n: number, kind: OutboxRow["kind"] = "host_notification") =>
  Array.from({ length: n }, (_, i) => enqueueMail(t.db, { kind, toAddress: `g${i}@example.org` }));
const later = (ms: number) => new Date(Date.now() + ms);

describe("claimDueMail", () => {
  it("takes due mail for sending and counts the attempt", () => {
    const [id] = queue(1);
    const [claimed] = claimDueMail(t.db, 10);
    expect(claimed).toMatchObject({ id, state: "sending", attempts: 1 });
    expect(claimed.claimedAt).toBeInstanceOf(Date);
    expect(row(id).state).toBe("sending");
  });

  it("never hands the same message to two claims, even from two connections", () => {
    const ids = queue(7);
    const other = openDatabase(join(t.dir, "app.db"));
    try {
      const seen: number[] = [];
      for (let round = 0; round < 10; round++) {
        const db = round % 2 === 0 ? t.db : other;
        seen.push(...claimDueMail(db, 2).map((r) => r.id));
      }
      expect(seen.sort((a, b) => a - b)).toEqual(ids);
    } finally {
      other.$client.close();
    }
  });

  it("leaves mail that is not yet due", () => {
    queue(1);
    markFailed(t.db, claimDueMail(t.db, 1)[0], "421 try later", false);
    expect(claimDueMail(t.db, 10)).toEqual([]);
  });

  it("takes over a claim left by a sender that died, but not one in progress", () => {
    const [id] = queue(1);
    claimDueMail(t.db, 1);
    expect(claimDueMail(t.db, 1, later(STALE_CLAIM_MS - 1_000))).toEqual([]);
    const [retaken] = claimDueMail(t.db, 1, later(STALE_CLAIM_MS + 1_000));
    expect(retaken).toMatchObject({ id, state: "sending", attempts: 2 });
  });

  it("sends a waiting sign-in link before a bulk send queued earlier", () => {
    queue(5, "invitation");
    const signin = enqueueMail(t.db, { kind: "signin", toAddress: "host@example.org", payload: { url: "http://x/cb" } });
    expect(claimDueMail(t.db, 1, later(1_000)).map((r) => r.id)).toEqual([signin]);
  });

  it("takes at most the batch size", () => {
    queue(5);
    expect(claimDueMail(t.db, 3)).toHaveLength(3);
    expect(claimDueMail(t.db, 3)).toHaveLength(2);
  });
});

describe("markFailed", () => {
  it("puts a message back in the queue with growing waits, keeping the error", () => {
    const [id] = queue(1);
    const now = new Date();
    markFailed(t.db, claimDueMail(t.db, 1, now)[0], "ECONNREFUSED: connect ECONNREFUSED", false, now);
    expect(row(id)).toMatchObject({ state: "queued", attempts: 1, lastError: "ECONNREFUSED: connect ECONNREFUSED", claimedAt: null });
    expect(row(id).nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(claimDueMail(t.db, 1, new Date(now.getTime() + retryDelayMs(1) - 1))).toEqual([]);
    expect(claimDueMail(t.db, 1, new Date(now.getTime() + retryDelayMs(1)))).toHaveLength(1);
  });

  it("waits longer after each attempt, up to ten minutes", () => {
    const delays = [1, 2, 3, 4, 10, 50].map(retryDelayMs);
    expect(delays.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(delays[4]).toBe(10 * 60_000);
    expect(delays[5]).toBe(10 * 60_000);
  });

  it("gives up at once on a permanent refusal", () => {
    const [id] = queue(1);
    markFailed(t.db, claimDueMail(t.db, 1)[0], "550 no such user", true);
    expect(row(id)).toMatchObject({ state: "failed", lastError: "550 no such user" });
    expect(claimDueMail(t.db, 1, later(24 * 3_600_000))).toEqual([]);
    expect(pendingMailCount(t.db)).toBe(0);
  });

  it("gives up after the last attempt", () => {
    const [id] = queue(1);
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [claimed] = claimDueMail(t.db, 1, now);
      expect(claimed.attempts).toBe(attempt);
      markFailed(t.db, claimed, "421 busy", false, now);
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    expect(row(id).state).toBe("failed");
    expect(claimDueMail(t.db, 1, later(24 * 3_600_000))).toEqual([]);
  });

  it("keeps error messages to a readable length", () => {
    const [id] = queue(1);
    markFailed(t.db, claimDueMail(t.db, 1)[0], "x".repeat(5_000), false);
    expect(row(id).lastError).toHaveLength(500);
  });
});

describe("markSent", () => {
  it("records the hand-over and forgets a sign-in link", () => {
    const signin = enqueueMail(t.db, { kind: "signin", toAddress: "host@example.org", payload: { url: "http://x/cb?token=secret" } });
    const [claimed] = claimDueMail(t.db, 1);
    markSent(t.db, claimed, "<fi.1@example.test>");
    expect(row(signin)).toMatchObject({ state: "sent", messageId: "<fi.1@example.test>", payload: {}, claimedAt: null, lastError: null });
    expect(JSON.stringify(t.db.$client.prepare("select * from outbox").all())).not.toContain("secret");
  });

  it("keeps the payload of other mail", () => {
    const id = enqueueMail(t.db, { kind: "rsvp_confirmation", toAddress: "ada@example.org", payload: { answer: "yes", note: "hi" } });
    markSent(t.db, claimDueMail(t.db, 1)[0], "<m@example.test>");
    expect(row(id).payload).toEqual({ answer: "yes", note: "hi" });
  });

  it("is no longer counted as pending", () => {
    queue(2);
    expect(pendingMailCount(t.db)).toBe(2);
    const [first] = claimDueMail(t.db, 1);
    expect(pendingMailCount(t.db)).toBe(2);
    markSent(t.db, first, "<m@example.test>");
    expect(pendingMailCount(t.db)).toBe(1);
  });
});
