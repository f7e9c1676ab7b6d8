import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./signin";

describe("safeReturnPath", () => {
  it("returns to one of the app's event pages after signing in", () => {
    expect(safeReturnPath("/events/0b7c1d2e-aaaa-bbbb-cccc-1234567890ab")).toBe("/events/0b7c1d2e-aaaa-bbbb-cccc-1234567890ab");
    expect(safeReturnPath("/events/abc/edit")).toBe("/events/abc/edit");
  });

  it("never anywhere else: another site, a scheme, a protocol-relative or odd path", () => {
    for (const bad of ["https://evil.example/events", "//evil.example/events", "/events/../dev/mailbox", "/dev/mailbox", "javascript:alert(1)", "/events?x=1", "", null, undefined, 42]) {
      expect(safeReturnPath(bad), String(bad)).toBe("/events");
    }
  });
});
