import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, round, type Benchmark, type BenchOutcome } from "./harness";
import { startPostfix, type PostfixInstance } from "./postfix";
import { cpuSeconds, freePort, ownCpuSeconds, startRelayProcess } from "./processes";
import { runSmtpLoad, type LoadResult } from "./smtp-load";

const CLIENTS = 10;
const WARMUP_PER_CLIENT = 20;
const MESSAGES_PER_CLIENT = 400;
const MAX_MS = 20_000;
// Relay and Postfix take turns, so that other work on the machine weighs on both alike.
const ROUNDS = 3;

const load = { clients: CLIENTS, warmupPerClient: WARMUP_PER_CLIENT, messagesPerClient: MESSAGES_PER_CLIENT, maxMs: MAX_MS };

type Round = LoadResult & { serverCpuSeconds: number | null; loadGeneratorCpuSeconds: number };

async function measure(port: number, serverCpu: () => number | null): Promise<Round> {
  const cpuBefore = serverCpu();
  const ownBefore = ownCpuSeconds();
  const result = await runSmtpLoad({ ...load, port });
  const cpuAfter = serverCpu();
  return {
    ...result,
    serverCpuSeconds: cpuBefore !== null && cpuAfter !== null ? round(cpuAfter - cpuBefore) : null,
    loadGeneratorCpuSeconds: round(ownCpuSeconds() - ownBefore),
  };
}

function line(label: string, r: Round): string {
  const cpu = r.serverCpuSeconds === null ? "" : `; server CPU ${r.serverCpuSeconds} s`;
  return `    ${label}: ${r.accepted} in ${r.seconds} s = ${r.messagesPerSecond} msgs/s; latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms${cpu}${r.refused ? `; ${r.refused} refused: ${r.errors.join(" | ")}` : ""}`;
}

/** The round with the median rate, and every round's rate. */
function summary(rounds: Round[]) {
  const rate = median(rounds.map((r) => r.messagesPerSecond));
  const middle = [...rounds].sort((a, b) => a.messagesPerSecond - b.messagesPerSecond)[Math.floor(rounds.length / 2)];
  return {
    messagesPerSecond: round(rate, 1),
    latencyMsOfMedianRound: middle.latencyMs,
    acceptedPerRound: middle.accepted,
    refused: rounds.reduce((n, r) => n + r.refused, 0),
    rounds,
  };
}

async function run(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "fastinviter-bench-accept-"));
  // No SMART_HOST: the relay stores every message durably and keeps it, which is all accepting is.
  const relay = await startRelayProcess(dir);
  let postfix: PostfixInstance | null = null;
  try {
    const started = await startPostfix(await freePort());
    if ("unavailable" in started) console.log(`  postfix: not compared: ${started.unavailable}`);
    else postfix = started;

    const relayRounds: Round[] = [];
    const postfixRounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      console.log(`  round ${i}/${ROUNDS}`);
      relayRounds.push(await measure(relay.port, () => cpuSeconds(relay.pid)));
      console.log(line("relay", relayRounds[i - 1]));
      if (postfix) {
        postfixRounds.push(await measure(postfix.port, postfix.cpuSeconds));
        console.log(line(`postfix ${postfix.version}`, postfixRounds[i - 1]));
      }
    }
    await relay.stop();
    const sqlite = new Database(relay.db, { readonly: true });
    const storedInSpool = (sqlite.prepare("SELECT count(*) AS n FROM message").get() as { n: number }).n;
    sqlite.close();
    const heldInQueue = postfix?.heldMessages() ?? null;

    const relaySummary = { ...summary(relayRounds), storedInSpool };
    const postfixSummary = postfix ? { available: true, version: postfix.version, ...summary(postfixRounds), heldInQueue } : null;
    const ratio = postfixSummary ? round(relaySummary.messagesPerSecond / postfixSummary.messagesPerSecond, 2) : null;
    const l = relaySummary.latencyMsOfMedianRound;
    console.log(`  relay, median of ${ROUNDS}: ${relaySummary.messagesPerSecond} msgs/s, p50 ${l.p50} ms, p99 ${l.p99} ms; ${storedInSpool} messages in its spool`);
    if (postfixSummary) {
      const p = postfixSummary.latencyMsOfMedianRound;
      console.log(`  postfix, median of ${ROUNDS}: ${postfixSummary.messagesPerSecond} msgs/s, p50 ${p.p50} ms, p99 ${p.p99} ms; ${heldInQueue} messages held in its queue`);
      console.log(`  ratio relay / postfix: ${ratio}`);
    }
    const pass = ratio === null || ratio >= 1;
    console.log(`  target: relay's durable accept rate at least Postfix's: ${ratio === null ? "not compared" : pass ? "PASS" : "FAIL"}`);

    return {
      figures: {
        relay: relaySummary,
        postfix: postfixSummary ?? { available: false, reason: (started as { unavailable: string }).unavailable },
        ratioRelayToPostfix: ratio,
        notes: [
          `load: ${CLIENTS} raw SMTP clients (tests/bench/smtp-load.ts), one connection each, one message at a time without pipelining; ${WARMUP_PER_CLIENT} warm-up messages each, then ${MESSAGES_PER_CLIENT} each or ${MAX_MS / 1000} s, whichever first; ~5 KB plain-text messages with unique Message-IDs`,
          `${ROUNDS} rounds, relay and Postfix taking turns; rates are the median round, latencies those of the median round`,
          "latency: from MAIL FROM to the 250 after the message data",
          "relay: its own process (node --import tsx lib/relay/main.ts), no SMART_HOST so it keeps what it accepts (WAL, synchronous=FULL), log to a file; it logs one line per message",
          "server CPU: the relay process; for Postfix the sum over its live processes (found by MAIL_CONFIG), so approximate",
          "postfix: private instance in a temp dir, loopback listener only, no outbound delivery services, mail put on HOLD in its queue, in_flow_delay = 0 (see tests/bench/postfix.ts); Postfix spreads work over smtpd/cleanup processes, the relay is one Node process",
          "the load generator runs in the bench process on the same 2 CPUs as the server under test; other sessions' work on the machine shows in loadAverage",
        ],
      },
      targets: {
        atLeastPostfix: ratio === null ? { skipped: "Postfix not available" } : { ratioAtLeast: 1, actual: ratio, pass },
      },
      // Without Postfix there is nothing to compare against: reported as skipped, not as a failure.
      pass,
    };
  } finally {
    await relay.stop();
    await postfix?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const relayAcceptBench: Benchmark = {
  name: "relay-accept",
  description: `Relay accept rate (${CLIENTS} concurrent SMTP clients, durable), messages per second, against Postfix on the same machine`,
  run,
};
