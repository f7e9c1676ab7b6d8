import { describe, expect, it } from "vitest";
import { classifyFailure, parseRate, providerQueueId, RateWindow, retryDelayMs, RETRY_CAP_MS } from "./schedule";

describe("the rate limit", () => {
  it("reads the operator's notation", () => {
    expect(parseRate("30/min")).toEqual({ limit: 30, windowMs: 60_000 });
    expect(parseRate("5/sec")).toEqual({ limit: 5, windowMs: 1_000 });
    expect(parseRate("1000/hour")).toEqual({ limit: 1000, windowMs: 3_600_000 });
    expect(() => parseRate("fast")).toThrow();
    expect(() => parseRate("0/min")).toThrow();
  });

  it("lets N sends start in any window and holds the next until the oldest leaves it", () => {
    const window = new RateWindow({ limit: 3, windowMs: 60_000 });
    for (const t of [0, 10, 20]) {
      expect(window.waitMs(t)).toBe(0);
      window.take(t);
    }
    expect(window.waitMs(30)).toBe(59_970);
    expect(window.waitMs(60_000)).toBe(0);
    window.take(60_000);
    expect(window.waitMs(60_005)).toBe(5);
  });
});

describe("retries", () => {
  it("first retry within about a minute, doubling, capped near an hour, jittered", () => {
    expect(retryDelayMs(1, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(1, 60_000, () => 0)).toBe(45_000);
    expect(retryDelayMs(2, 60_000, () => 1)).toBe(120_000);
    expect(retryDelayMs(4, 60_000, () => 1)).toBe(480_000);
    expect(retryDelayMs(20, 60_000, () => 1)).toBe(RETRY_CAP_MS);
    const spread = new Set(Array.from({ length: 20 }, () => retryDelayMs(3, 60_000)));
    expect(spread.size).toBeGreaterThan(1);
    for (const d of spread) expect(d).toBeGreaterThanOrEqual(180_000);
  });

  it("bounces a 5xx answer about the message, retries everything else", () => {
    expect(classifyFailure({ code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 No such user" })).toEqual({
      outcome: "bounced",
      response: "550 5.1.1 No such user",
    });
    expect(classifyFailure({ code: "EMESSAGE", responseCode: 552, response: "552 too big" }).outcome).toBe("bounced");
    expect(classifyFailure({ code: "EENVELOPE", responseCode: 451, response: "451 try later" }).outcome).toBe("deferred");
    expect(classifyFailure({ code: "ECONNECTION", message: "connect ECONNREFUSED 127.0.0.1:25" })).toEqual({
      outcome: "deferred",
      response: "ECONNECTION: connect ECONNREFUSED 127.0.0.1:25",
    });
    expect(classifyFailure({ code: "EAUTH", responseCode: 535, response: "535 bad credentials" }).outcome).toBe("deferred");
    const tls = classifyFailure({ code: "ETLS", responseCode: 502, response: "502 STARTTLS not implemented" });
    expect(tls.outcome).toBe("deferred");
    expect(tls.response).toMatch(/^No TLS with the provider, so nothing was sent/);
  });

  it("finds the provider's queue id where providers put it", () => {
    expect(providerQueueId("250 2.0.0 Ok: queued as 4F2A1C")).toBe("4F2A1C");
    expect(providerQueueId("250 Ok id=1abc-XYZ.2")).toBe("1abc-XYZ.2");
    expect(providerQueueId("250 OK")).toBeNull();
  });
});
