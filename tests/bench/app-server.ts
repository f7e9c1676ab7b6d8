import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { sleep } from "./harness";
import { freePort, repoRoot, stopChild } from "./processes";

export type AppProcess = {
  port: number;
  /** What the browser would use: AUTH_URL and the Origin of form posts. */
  origin: string;
  launcher: ChildProcess;
  logFile: string;
  /** The launcher's descendants now, named: the next-server process and the relay. */
  processes(): NamedProcess[];
  stop(): Promise<void>;
};

export type NamedProcess = { pid: number; role: "app" | "relay" | "other"; command: string };

const STARTUP_MS = 60_000;
// A build (ours when the sources changed, or another checkout's) can take minutes on 2 cores.
const BUILD_MS = 6 * 60_000;
const BUILD_RETRIES = 4;

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

/** Every process below `pid`, depth first. */
export function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

function roleOf(command: string): NamedProcess["role"] {
  if (command.includes("lib/relay/main.ts")) return "relay";
  if (command.startsWith("next-server") || /next\/dist\/bin\/next start/.test(command)) return "app";
  return "other";
}

function logTail(file: string, lines = 20): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";
}

/** Resolves once /api/ping answers 200: the server is up and the build has the route. */
async function waitForPing(origin: string, launcher: ChildProcess, logFile: string, ms: number): Promise<"up" | "exited"> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (launcher.exitCode !== null || launcher.signalCode !== null) return "exited";
    try {
      const response = await fetch(`${origin}/api/ping`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return "up";
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the app did not answer /api/ping within ${ms / 1000} s:\n${logTail(logFile)}`);
}

/**
 * The app as an operator starts it: the launcher (`node --import tsx lib/cli/start.ts`), which
 * builds when the build is stale, then runs `next start` and the relay. The relay has no smart
 * host, so every message stays in its local mailbox. `dir` holds both databases and the log.
 */
export async function startApp(dir: string, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const relayPort = await freePort();
    const origin = `http://localhost:${port}`;
    const logFile = join(dir, `launcher-${attempt}.log`);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (/^(RELAY_|SMART_|DKIM_|DATABASE_URL$|APP_URL$|AUTH_URL$)/.test(key)) delete env[key];
    Object.assign(env, {
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: join(dir, "app.db"),
      RELAY_DB: join(dir, "relay.db"),
      RELAY_LISTEN: `127.0.0.1:${relayPort}`,
      RELAY_URL: `smtp://127.0.0.1:${relayPort}`,
      AUTH_URL: origin,
      DEV_TOOLS: "1",
      ...extraEnv,
    });
    const log = openSync(logFile, "a");
    const launcher = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", log, log] });
    closeSync(log);
    const state = await waitForPing(origin, launcher, logFile, BUILD_MS + STARTUP_MS);
    if (state === "exited") {
      const tail = logTail(logFile);
      // Next refuses to build while another build holds .next: wait for it and start again.
      if (/another.*build|build.*already|lock/i.test(tail) && attempt < BUILD_RETRIES) {
        console.log(`  another build is running; waiting 20 s (attempt ${attempt}/${BUILD_RETRIES})`);
        await sleep(20_000);
        continue;
      }
      throw new Error(`the launcher exited with ${launcher.exitCode ?? launcher.signalCode} before the app answered:\n${tail}`);
    }
    const launcherPid = launcher.pid!;
    return {
      port,
      origin,
      launcher,
      logFile,
      processes: () => descendantsOf(launcherPid).map((pid) => {
        const command = commandOf(pid);
        return { pid, command, role: roleOf(command) };
      }),
      async stop() {
        // The launcher stops the app and the relay on SIGTERM; whatever it leaves is stopped by PID.
        const below = descendantsOf(launcherPid).map((pid) => ({ pid, command: commandOf(pid) }));
        await stopChild(launcher, 15_000);
        for (const { pid, command } of below) {
          // Only if that PID is still the same program, not a new process that reused it.
          if (command === "" || commandOf(pid) !== command) continue;
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            /* gone meanwhile */
          }
        }
      },
    };
  }
}
