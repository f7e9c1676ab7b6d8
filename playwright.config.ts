import { defineConfig, devices } from "@playwright/test";
import { rmSync } from "node:fs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const RELAY_PORT = Number(process.env.E2E_RELAY_PORT ?? 2625);
// Per port, so two runs on different ports never share a database.
export const E2E_DATA = `data/e2e-${PORT}`;

// Each run starts from an empty database and mailbox (the config is also loaded by workers).
if (!process.env.TEST_WORKER_INDEX) rmSync(E2E_DATA, { recursive: true, force: true });

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/${PORT}`,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium; point CHROMIUM_PATH elsewhere on other systems.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The launcher itself (not through npm), so SIGTERM reaches it and it stops the app and relay.
    command: "node --import tsx lib/cli/start.ts",
    url: `http://localhost:${PORT}/signin`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      DATABASE_URL: `${E2E_DATA}/app.db`,
      RELAY_DB: `${E2E_DATA}/relay.db`,
      RELAY_LISTEN: `127.0.0.1:${RELAY_PORT}`,
      RELAY_URL: `smtp://127.0.0.1:${RELAY_PORT}`,
      AUTH_URL: `http://localhost:${PORT}`,
      DEV_TOOLS: "1",
      OUTBOX_INTERVAL_MS: "1000",
      MAIL_FROM: "FastInviter <invites@fastinviter.test>",
      // Every spec signs its hosts in from 127.0.0.1: more than the default 20 links per 15 minutes.
      SIGNIN_LIMIT_PER_IP: "200",
    },
  },
});
