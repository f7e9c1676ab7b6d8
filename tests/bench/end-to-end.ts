import Database from "better-sqlite3";
import { render, toPlainText } from "@react-email/render";
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import nodemailer from "nodemailer";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { templates } from "@/emails";
import { sendInvites } from "@/lib/invitations/invitations";
import { composeMail, type ComposedMail } from "@/lib/mail/compose";
import { drainOutbox } from "@/lib/mail/drain";
import { claimDueMail } from "@/lib/mail/outbox";
import { createRelayTransport } from "@/lib/mail/transport";
import { addEvent, addGuestList, addHost, openTestDb } from "@/tests/support/db";
import { median, percentile, round, type Benchmark, type BenchOutcome } from "./harness";
import { cpuSeconds, ownCpuSeconds, repoRoot, startRelayProcess, stopChild } from "./processes";

const EVENTS = 10;
const GUESTS_PER_EVENT = 200;
const MESSAGES = EVENTS * GUESTS_PER_EVENT;
const WARMUP_GUESTS = 50;
const RELAY_TO_PROVIDER_CONNECTIONS = 10;
const HANDOVER_ONLY_MESSAGES = 500;
const HANDOVER_ONLY_CONCURRENCY = 10;
const COMPOSE_PROFILE_MESSAGES = 200;
const CLAIM_PROFILE_RUNS = 50;
const RENDER_PROFILE_RUNS = 100;
// Bounds on every wait, so a stuck relay ends the bench instead of hanging it.
const DELIVERY_WAIT_MS = 120_000;

const TARGET_MESSAGES_PER_SECOND = 300;

const mailContext = { appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" };

type Provider = {
  child: ChildProcess;
  port: number;
  waitFor(count: number, ms: number): Promise<{ count: number; at: number }>;
  stats(): Promise<{ count: number; distinctMessageIds: number; bytes: number }>;
};

/** The fake provider in its own process (tests/bench/provider-process.ts). */
async function startProvider(): Promise<Provider> {
  const child = fork(join(repoRoot, "tests/bench/provider-process.ts"), [], { cwd: repoRoot, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T>(match: (m: Record<string, unknown>) => boolean, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off("message", onMessage);
        reject(new Error(`the provider did not report ${what} within ${ms} ms`));
      }, ms);
      const onMessage = (m: Record<string, unknown>) => {
        if (!match(m)) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve(m as T);
      };
      child.on("message", onMessage);
    });
  const { port } = await next<{ port: number }>((m) => m.ready === true, 30_000, "ready");
  return {
    child,
    port,
    waitFor(count, ms) {
      const reached = next<{ count: number; at: number }>((m) => m.reached === count, ms, `${count} messages`);
      child.send({ waitFor: count });
      return reached;
    },
    stats() {
      const stats = next<{ count: number; distinctMessageIds: number; bytes: number }>((m) => m.stats === true, 10_000, "stats");
      child.send({ stats: true });
      return stats;
    },
  };
}

function guestPaste(event: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `Guest ${i + 1} <guest${i + 1}.${event}@example.test>`).join("\n");
}

function timeEach(runs: number, fn: () => void): number[] {
  return Array.from({ length: runs }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  });
}

function cpuDelta(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : round(after - before);
}

async function run(): Promise<BenchOutcome> {
  const t = openTestDb();
  const provider = await startProvider();
  const relay = await startRelayProcess(t.dir, {
    SMART_HOST: `127.0.0.1:${provider.port}`,
    SMART_TLS: "none",
    SMART_MAX_CONNECTIONS: String(RELAY_TO_PROVIDER_CONNECTIONS),
  });
  // What the app uses: relayTransport() builds createRelayTransport's default pool, and the drain its default concurrency.
  const transport = createRelayTransport(relay.url);
  const handoverTransport = createRelayTransport(relay.url);
  const drainErrors: string[] = [];
  const drainOptions = { db: t.db, transport, ...mailContext, log: (line: string) => drainErrors.push(line) };
  try {
    const hostId = addHost(t.db, "bench-host@example.test", "Bench Host");

    // Warm-up: module loading, JIT and the pools' connections, not timed.
    const warm = addEvent(t.db, hostId, { title: "Warm-up" });
    addGuestList(t.db, hostId, warm.id, guestPaste("warm", WARMUP_GUESTS));
    sendInvites(t.db, hostId, warm.id);
    await drainOutbox(drainOptions);
    await provider.waitFor(WARMUP_GUESTS, DELIVERY_WAIT_MS);

    let queued = 0;
    for (let e = 1; e <= EVENTS; e++) {
      const event = addEvent(t.db, hostId, { title: `Bench event ${e}` });
      addGuestList(t.db, hostId, event.id, guestPaste(`e${e}`, GUESTS_PER_EVENT));
      queued += sendInvites(t.db, hostId, event.id) ?? 0;
    }
    if (queued !== MESSAGES) throw new Error(`queued ${queued} invitations, expected ${MESSAGES}`);

    // What one claim costs with the whole batch queued (the drain claims a row each time a slot
    // frees); undone afterwards so the timed run starts from the same queue.
    t.db.$client.exec("SAVEPOINT claim_profile");
    const claimMs = timeEach(CLAIM_PROFILE_RUNS, () => claimDueMail(t.db, 1));
    t.db.$client.exec("ROLLBACK TO claim_profile; RELEASE claim_profile");

    const cpuBefore = { app: ownCpuSeconds(), relay: cpuSeconds(relay.pid), provider: cpuSeconds(provider.child.pid!) };
    const startedAt = Date.now();
    const drained = await drainOutbox(drainOptions);
    const drainedAt = Date.now();
    const cpuAtDrain = { app: ownCpuSeconds(), relay: cpuSeconds(relay.pid), provider: cpuSeconds(provider.child.pid!) };
    const reached = await provider.waitFor(WARMUP_GUESTS + MESSAGES, DELIVERY_WAIT_MS);
    const cpuAfter = { app: ownCpuSeconds(), relay: cpuSeconds(relay.pid), provider: cpuSeconds(provider.child.pid!) };
    if (drained.sent !== MESSAGES || drainErrors.length > 0) {
      throw new Error(`the drain sent ${drained.sent} and failed ${drained.failed} of ${MESSAGES}:\n${drainErrors.slice(0, 5).join("\n")}`);
    }

    const totalSeconds = (reached.at - startedAt) / 1000;
    const drainSeconds = (drainedAt - startedAt) / 1000;
    const endToEnd = round(MESSAGES / totalSeconds, 1);
    const handedOver = round(MESSAGES / drainSeconds, 1);
    console.log(`  end to end: ${MESSAGES} invitations from the outbox to the provider in ${totalSeconds.toFixed(2)} s = ${endToEnd} msgs/s`);
    console.log(`  the app's hand-over (drainOutbox resolved): ${drainSeconds.toFixed(2)} s = ${handedOver} msgs/s`);

    // The SMTP hand-over without rendering: already composed mail, through the same kind of pool.
    const rows = t.db.select().from(outbox).where(eq(outbox.kind, "invitation")).limit(HANDOVER_ONLY_MESSAGES).all();
    const composed: ComposedMail[] = [];
    for (const [i, row] of rows.entries()) {
      const mail = await composeMail(t.db, row, mailContext);
      if (mail) composed.push({ ...mail, messageId: `<bench.handover.${startedAt}.${i}@example.test>` });
    }
    const handoverStart = performance.now();
    let nextMail = 0;
    await Promise.all(
      Array.from({ length: HANDOVER_ONLY_CONCURRENCY }, async () => {
        while (nextMail < composed.length) {
          const { from, to, subject, html, text, messageId, headers } = composed[nextMail++];
          await handoverTransport.sendMail({ from, to, subject, html, text, messageId, headers });
        }
      }),
    );
    const handoverOnly = round(composed.length / ((performance.now() - handoverStart) / 1000), 1);
    console.log(`  SMTP hand-over alone (${composed.length} pre-rendered invitations, ${HANDOVER_ONLY_CONCURRENCY} at a time on the app's pool): ${handoverOnly} msgs/s`);
    await provider.waitFor(WARMUP_GUESTS + MESSAGES + composed.length, DELIVERY_WAIT_MS);
    const delivered = await provider.stats();

    handoverTransport.close();
    transport.close();
    await relay.stop();
    await stopChild(provider.child, 5_000);

    // The relay's own clock: when it accepted the first and last measured message and finished forwarding.
    const spool = new Database(relay.db, { readonly: true });
    const relayTimes = spool
      .prepare(
        `SELECT min(received_at) AS firstAccepted, max(received_at) AS lastAccepted, max(done_at) AS lastForwarded, avg(size) AS avgBytes,
                count(*) FILTER (WHERE state = 'relayed') AS relayed, count(*) AS n
         FROM (SELECT * FROM message ORDER BY id LIMIT ? OFFSET ?)`,
      )
      .get(MESSAGES, WARMUP_GUESTS) as { firstAccepted: number; lastAccepted: number; lastForwarded: number; avgBytes: number; relayed: number; n: number };
    spool.close();

    // Where the app's time goes: composing (DB read + React render + plain text) one message at a time.
    const profileRows = rows.slice(0, COMPOSE_PROFILE_MESSAGES);
    const composeMs: number[] = [];
    for (const row of profileRows) {
      const start = performance.now();
      await composeMail(t.db, row, mailContext);
      composeMs.push(performance.now() - start);
    }
    const { Component } = templates.invitation;
    const element = createElement(Component, Component.PreviewProps);
    const html = await render(element);
    const renderMs: number[] = [];
    for (let i = 0; i < RENDER_PROFILE_RUNS; i++) {
      const start = performance.now();
      await render(element);
      renderMs.push(performance.now() - start);
    }
    const plainTextMs = timeEach(RENDER_PROFILE_RUNS, () => toPlainText(html));
    // nodemailer turning composed mail into MIME (quoted-printable HTML and text), without a socket.
    const mime = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const mimeMs: number[] = [];
    for (const mail of composed.slice(0, COMPOSE_PROFILE_MESSAGES)) {
      const start = performance.now();
      await mime.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, messageId: mail.messageId, headers: mail.headers });
      mimeMs.push(performance.now() - start);
    }
    const compose = { medianMs: round(median(composeMs)), p90Ms: round(percentile(composeMs, 90)), meanMs: round(composeMs.reduce((a, b) => a + b, 0) / composeMs.length) };
    const renderOnly = { reactRenderMedianMs: round(median(renderMs)), plainTextMedianMs: round(median(plainTextMs)), htmlBytes: html.length };
    const composeBound = round(1000 / compose.meanMs, 1);
    const mimeBuild = { medianMs: round(median(mimeMs)), meanMs: round(mimeMs.reduce((a, b) => a + b, 0) / mimeMs.length) };
    const claim = { medianMs: round(median(claimMs)), queued: MESSAGES };
    console.log(`  composeMail one at a time: median ${compose.medianMs} ms, mean ${compose.meanMs} ms => at most ${composeBound} msgs/s on one event loop`);
    console.log(`  nodemailer MIME build: median ${mimeBuild.medianMs} ms; claimDueMail(1) with ${MESSAGES} queued: median ${claim.medianMs} ms`);
    console.log(`    of which React render ~${renderOnly.reactRenderMedianMs} ms, html-to-text ~${renderOnly.plainTextMedianMs} ms (invitation PreviewProps, ${html.length} bytes of HTML)`);

    const cpu = {
      duringDrain: { app: cpuDelta(cpuBefore.app, cpuAtDrain.app), relay: cpuDelta(cpuBefore.relay, cpuAtDrain.relay), provider: cpuDelta(cpuBefore.provider, cpuAtDrain.provider) },
      wholeRun: { app: cpuDelta(cpuBefore.app, cpuAfter.app), relay: cpuDelta(cpuBefore.relay, cpuAfter.relay), provider: cpuDelta(cpuBefore.provider, cpuAfter.provider) },
    };
    console.log(`  CPU seconds over the ${totalSeconds.toFixed(2)} s run: app ${cpu.wholeRun.app}, relay ${cpu.wholeRun.relay}, provider ${cpu.wholeRun.provider}`);
    const relayView = {
      acceptedSpanSeconds: round((relayTimes.lastAccepted - relayTimes.firstAccepted) / 1000, 2),
      firstAcceptedAfterMs: relayTimes.firstAccepted - startedAt,
      lastForwardedAfterLastAcceptMs: relayTimes.lastForwarded - relayTimes.lastAccepted,
      relayed: relayTimes.relayed,
      averageMessageBytes: Math.round(relayTimes.avgBytes),
    };
    console.log(`  relay: accepted the measured messages over ${relayView.acceptedSpanSeconds} s, finished forwarding ${relayView.lastForwardedAfterLastAcceptMs} ms after the last accept; ${relayView.averageMessageBytes} bytes per message`);
    console.log(`  provider: ${delivered.count} messages, ${delivered.distinctMessageIds} distinct Message-IDs`);

    const pass = endToEnd >= TARGET_MESSAGES_PER_SECOND;
    console.log(`  target: at least ${TARGET_MESSAGES_PER_SECOND} msgs/s end to end: ${pass ? "PASS" : "FAIL"}`);
    return {
      figures: {
        messages: MESSAGES,
        endToEndMessagesPerSecond: endToEnd,
        endToEndSeconds: round(totalSeconds, 3),
        appHandOverMessagesPerSecond: handedOver,
        appHandOverSeconds: round(drainSeconds, 3),
        smtpHandOverOnlyMessagesPerSecond: handoverOnly,
        compose,
        renderOnly,
        composeBoundMessagesPerSecond: composeBound,
        mimeBuild,
        claimOneWithBatchQueued: claim,
        nodeEnv: process.env.NODE_ENV ?? null,
        relay: relayView,
        provider: { received: delivered.count, distinctMessageIds: delivered.distinctMessageIds },
        cpuSeconds: cpu,
        notes: [
          `${EVENTS} events × ${GUESTS_PER_EVENT} guests queued by sendInvites in a temp app database; ${WARMUP_GUESTS} warm-up invitations sent through the whole path first`,
          "timed from drainOutbox() starting until the fake provider held every message (its own arrival timestamp)",
          "app: the bench process, drainOutbox with its default concurrency (10) over createRelayTransport's default pool (5 connections), as relayTransport() builds it",
          `relay: its own process (node --import tsx lib/relay/main.ts), SMART_HOST = the provider, SMART_TLS=none, SMART_MAX_CONNECTIONS=${RELAY_TO_PROVIDER_CONNECTIONS}, log to a file`,
          "provider: FakeProvider (smtp-server, no TLS, no AUTH) in a separate forked process so it does not share the drain's event loop",
          `SMTP hand-over alone: ${HANDOVER_ONLY_MESSAGES} invitations composed beforehand (new Message-IDs), sent ${HANDOVER_ONLY_CONCURRENCY} at a time on a second pool like the app's, after the timed run`,
          "compose profile after the run with relay and provider stopped: composeMail per row, one at a time (an invitation is rendered once per event and filled in per guest, lib/mail/render.ts); the whole render and html-to-text timed on the invitation template's PreviewProps",
          "NODE_ENV=production (set by run.ts when unset), as under next start: React's production build",
          "three processes share 2 CPUs",
        ],
      },
      targets: { messagesPerSecond: { atLeast: TARGET_MESSAGES_PER_SECOND, actual: endToEnd, pass } },
      pass,
    };
  } finally {
    handoverTransport.close();
    transport.close();
    await relay.stop();
    await stopChild(provider.child, 5_000);
    t.close();
  }
}

export const endToEndBench: Benchmark = {
  name: "end-to-end",
  description: `end-to-end rate (outbox → relay → fake provider) for ${MESSAGES} invitations, messages per second`,
  run,
};
