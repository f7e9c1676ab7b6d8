import { describe, expect, it } from "vitest";
import { appUrl, ConfigError, devToolsEnabled, parseEnv } from "./env";

const secret = "s".repeat(32);

describe("settings", () => {
  it("fills in defaults for a fresh install", () => {
    const e = parseEnv({ AUTH_SECRET: secret });
    expect(e.DATABASE_URL).toBe("data/fastinviter.db");
    expect(e.RELAY_URL).toBe("smtp://127.0.0.1:2525");
    expect(e.PORT).toBe(3000);
    expect(appUrl(e)).toBe("http://localhost:3000");
  });

  it("stops with one line naming the bad setting", () => {
    expect(() => parseEnv({ AUTH_SECRET: secret, PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseEnv({ AUTH_SECRET: secret, PORT: "eighty" })).toThrow(/^Invalid setting PORT: /);
    expect(() => parseEnv({ AUTH_SECRET: secret, RELAY_URL: "http://relay" })).toThrow("Invalid setting RELAY_URL: must be an smtp:// or smtps:// URL");
    expect(() => parseEnv({ AUTH_SECRET: secret, MAIL_FROM: "a@b\r\nBcc: x@y" })).toThrow("Invalid setting MAIL_FROM: must be one line");
    expect(() => parseEnv({})).toThrow("Invalid setting AUTH_SECRET: is required");
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/Invalid setting AUTH_SECRET: must be at least 32 characters/);
  });

  it("builds email links from the public address without a trailing slash", () => {
    expect(appUrl(parseEnv({ AUTH_SECRET: secret, APP_URL: "https://invites.example.org/" }))).toBe("https://invites.example.org");
    expect(appUrl(parseEnv({ AUTH_SECRET: secret, AUTH_URL: "https://auth.example.org" }))).toBe("https://auth.example.org");
  });

  it("hides /dev pages in production unless DEV_TOOLS opts in", () => {
    expect(devToolsEnabled(parseEnv({ AUTH_SECRET: secret, NODE_ENV: "development" }))).toBe(true);
    expect(devToolsEnabled(parseEnv({ AUTH_SECRET: secret, NODE_ENV: "production" }))).toBe(false);
    expect(devToolsEnabled(parseEnv({ AUTH_SECRET: secret, NODE_ENV: "production", DEV_TOOLS: "0" }))).toBe(false);
    expect(devToolsEnabled(parseEnv({ AUTH_SECRET: secret, NODE_ENV: "production", DEV_TOOLS: "1" }))).toBe(true);
  });
});
