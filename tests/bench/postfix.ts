import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleep } from "./harness";
import { cpuSeconds, waitForPort } from "./processes";

/**
 * A private, throw-away Postfix instance for comparing accept rates, never the machine's own.
 *
 * - Its own config_directory, queue_directory and data_directory under a temporary directory;
 *   the system's /etc/postfix and its default instance are not touched or started.
 * - master.cf has one SMTP listener, on 127.0.0.1:<port>, and no `smtp`/`lmtp`/`local`
 *   delivery services at all: nothing in this instance can open a connection out.
 * - main.cf: mynetworks = 127.0.0.0/8 and `permit_mynetworks, reject` (loopback only, any
 *   recipient); every message is put on HOLD at end-of-data, so it stays in the durable queue
 *   as the relay keeps mail without a SMART_HOST; every transport is `discard` and relayhost a
 *   closed loopback port, in case anything were ever released.
 * - in_flow_delay = 0: Postfix slows smtpd down when the queue manager falls behind; with mail
 *   on hold the queue manager never takes any, so flow control would stall every message for
 *   1 s and measure nothing about accepting. The relay has no such brake either.
 * - chroot off (the queue directory is not the one Debian prepares for chroot), no peer-name
 *   DNS lookup, log to a file in the instance (containers usually have no syslog).
 * Postfix fsyncs each queue file before its 250, like the relay's synchronous=FULL commit.
 *
 * Needs root (Postfix drops to the postfix user itself). Installed only on request:
 * BENCH_INSTALL_POSTFIX=1 runs `apt-get install -y postfix`; otherwise an installed Postfix is used.
 */
export type PostfixInstance = {
  version: string;
  port: number;
  dir: string;
  heldMessages(): number;
  /** CPU seconds used so far by the instance's live processes (those that exited are missed). */
  cpuSeconds(): number;
  stop(): Promise<void>;
};
export type PostfixUnavailable = { unavailable: string };

const MASTER_CF = (port: number) => `# service type private unpriv chroot wakeup maxproc command
127.0.0.1:${port} inet n - n - 20 smtpd
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
`;

const MAIN_CF = (dir: string) => `compatibility_level = 3.6
queue_directory = ${dir}/spool
data_directory = ${dir}/data
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
myhostname = postfix-bench.localdomain
mydomain = localdomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
smtpd_end_of_data_restrictions = check_client_access static:HOLD
default_transport = discard
relay_transport = discard
local_transport = discard
virtual_transport = discard
relayhost = [127.0.0.1]:9
soft_bounce = yes
notify_classes =
alias_maps =
alias_database =
biff = no
in_flow_delay = 0s
smtpd_peername_lookup = no
`;

function postfixVersion(): string | null {
  const r = spawnSync("postconf", ["-h", "mail_version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(command: string, args: string[], timeoutMs = 60_000): { ok: boolean; output: string } {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: timeoutMs });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim() };
}

/** Postfix's daemons find their configuration through MAIL_CONFIG in their environment. */
function instanceCpuSeconds(config: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, "latin1").split("\0").includes(`MAIL_CONFIG=${config}`)) continue;
    } catch {
      continue;
    }
    total += cpuSeconds(Number(entry)) ?? 0;
  }
  return total;
}

function masterAlive(dir: string): boolean {
  const pidFile = join(dir, "spool", "pid", "master.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startPostfix(port: number): Promise<PostfixInstance | PostfixUnavailable> {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return { unavailable: "the Postfix comparison needs Linux and root" };
  let version = postfixVersion();
  if (!version && process.env.BENCH_INSTALL_POSTFIX === "1") {
    console.log("  installing postfix (BENCH_INSTALL_POSTFIX=1)");
    process.env.DEBIAN_FRONTEND = "noninteractive";
    const installed = run("apt-get", ["install", "-y", "postfix"], 600_000);
    if (!installed.ok) return { unavailable: `apt-get install postfix failed: ${installed.output.split("\n").slice(-3).join(" ")}` };
    version = postfixVersion();
  }
  if (!version) return { unavailable: "Postfix is not installed (set BENCH_INSTALL_POSTFIX=1 to install it with apt-get)" };

  const dir = mkdtempSync(join(tmpdir(), "fastinviter-postfix-"));
  // Postfix's daemons run as the postfix user and must reach the queue under this directory.
  chmodSync(dir, 0o755);
  for (const sub of ["etc", "spool", "data"]) mkdirSync(join(dir, sub));
  execFileSync("chown", ["postfix", join(dir, "data")]);
  writeFileSync(join(dir, "etc", "main.cf"), MAIN_CF(dir));
  writeFileSync(join(dir, "etc", "master.cf"), MASTER_CF(port));
  const config = join(dir, "etc");
  const maillog = () => (existsSync(join(dir, "maillog")) ? readFileSync(join(dir, "maillog"), "utf8").trim().split("\n").slice(-5).join(" | ") : "");
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });

  // `check` creates the queue directories with Postfix's own owners and modes.
  const checked = run("postfix", ["-c", config, "check"]);
  const started = checked.ok ? run("postfix", ["-c", config, "start"]) : checked;
  if (!started.ok) {
    const why = `postfix would not start: ${started.output || maillog() || "no message"}`;
    if (masterAlive(dir)) run("postfix", ["-c", config, "abort"]);
    cleanUp();
    return { unavailable: why };
  }
  try {
    await waitForPort(port, 15_000);
  } catch (error) {
    run("postfix", ["-c", config, "abort"]);
    cleanUp();
    return { unavailable: `postfix started but ${(error as Error).message}: ${maillog()}` };
  }
  return {
    version,
    port,
    dir,
    heldMessages: () => readdirSync(join(dir, "spool", "hold")).length,
    cpuSeconds: () => instanceCpuSeconds(config),
    async stop() {
      run("postfix", ["-c", config, "stop"]);
      for (let i = 0; i < 100 && masterAlive(dir); i++) await sleep(100);
      if (masterAlive(dir)) run("postfix", ["-c", config, "abort"]);
      for (let i = 0; i < 50 && masterAlive(dir); i++) await sleep(100);
      cleanUp();
    },
  };
}
