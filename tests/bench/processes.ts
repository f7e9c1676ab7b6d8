import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { settlesWithin, sleep } from "./harness";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls until something accepts TCP connections on the loopback port, or throws after `ms`. */
export async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await sleep(100);
  }
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU seconds a process has used so far, from /proc; null where /proc is missing or it has exited. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat(5): utime and stime; the slice starts at field 3.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL after `ms`: a benchmark never leaves its children behind. */
export async function stopChild(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  if (!(await settlesWithin(exited(child), ms))) {
    child.kill("SIGKILL");
    await settlesWithin(exited(child), 2_000);
  }
}

export type RelayProcess = { child: ChildProcess; pid: number; port: number; url: string; db: string; logFile: string; stop(): Promise<void> };

// Settings from the bench's own environment must not leak into the relay under test.
const RELAY_SETTINGS = /^(RELAY_|SMART_|DKIM_)/;

/**
 * The relay as an operator runs it: `node --import tsx lib/relay/main.ts`, its own process,
 * configured by the environment. Its log goes to a file, as under a service manager: the
 * relay logs a line per message and must not wait on a pipe the bench is too busy to read.
 */
export async function startRelayProcess(dir: string, settings: Record<string, string> = {}): Promise<RelayProcess> {
  const port = await freePort();
  const db = join(dir, "relay.db");
  const logFile = join(dir, "relay.log");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (RELAY_SETTINGS.test(key)) delete env[key];
  Object.assign(env, { RELAY_LISTEN: `127.0.0.1:${port}`, RELAY_DB: db }, settings);
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "lib/relay/main.ts"], { cwd: repoRoot, env, stdio: ["ignore", log, log] });
  closeSync(log);
  const logTail = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-10).join("\n") : "");
  const deadline = Date.now() + 30_000;
  while (!logTail().includes("relay: listening on")) {
    if (child.exitCode !== null) throw new Error(`the relay exited with ${child.exitCode} before listening:\n${logTail()}`);
    if (Date.now() > deadline) {
      await stopChild(child, 2_000);
      throw new Error(`the relay did not say it was listening within 30 s:\n${logTail()}`);
    }
    await sleep(50);
  }
  return {
    child,
    pid: child.pid!,
    port,
    url: `smtp://127.0.0.1:${port}`,
    db,
    logFile,
    // The relay finishes what is in flight on SIGTERM and gives up by itself after 20 s.
    stop: () => stopChild(child, 25_000),
  };
}
