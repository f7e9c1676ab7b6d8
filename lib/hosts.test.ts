import { describe, expect, it } from "vitest";
import { hostDisplayName } from "./hosts";

describe("hostDisplayName", () => {
  it("uses the host's name, else the start of their address", () => {
    expect(hostDisplayName({ name: " Grace ", email: "g@example.org" })).toBe("Grace");
    expect(hostDisplayName({ name: null, email: "grace.h@example.org" })).toBe("grace.h");
    expect(hostDisplayName({ name: "", email: null })).toBe("Your host");
  });
});
