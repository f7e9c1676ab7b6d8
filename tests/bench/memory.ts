import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { guests, outbox, RSVP_ANSWERS } from "@/db/schema";
import { addEvent, addGuestList, addHost } from "@/tests/support/db";
import { actionForms, guestPaste, multipart, seedAppDatabase, signInHost } from "./app-fixtures";
import { startApp, type AppProcess } from "./app-server";
import { percentile, round, sleep, type Benchmark, type BenchOutcome } from "./harness";
import { keepAliveAgent, send, type LoadRequest, type LoadResponse } from "./http-load";

const DURATION_MS = 40_000;
const SAMPLE_EVERY_MS = 200;
const HOST_WORKERS = 2;
const GUEST_WORKERS = 3;
const HOST_EVENT_GUESTS = 200;
const RSVP_GUESTS = 3_000;
const SEND_EVENTS = 6;
const GUESTS_PER_SEND = 150;
const SEND_EVERY_MS = 6_000;
const DRAIN_WAIT_MS = 5_000;

const TARGET_APP_MB = 400;
const TARGET_RELAY_MB = 150;

type Memory = { rssMb: number; hwmMb: number };

function memoryOf(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMb: round(kb("VmRSS") / 1024, 1), hwmMb: round(kb("VmHWM") / 1024, 1) };
  } catch {
    return null;
  }
}

/** RSS of the app and the relay every SAMPLE_EVERY_MS until stopped; the peak of each. */
function sampleMemory(app: AppProcess) {
  const procs = app.processes();
  const pidOf = (role: "app" | "relay") => {
    const pid = procs.find((p) => p.role === role)?.pid;
    if (!pid) throw new Error(`no ${role} process under the launcher: ${JSON.stringify(procs)}`);
    return pid;
  };
  const pids = { app: pidOf("app"), relay: pidOf("relay") };
  const series = { app: [] as number[], relay: [] as number[] };
  const take = () => {
    for (const role of ["app", "relay"] as const) {
      const m = memoryOf(pids[role]);
      if (m) series[role].push(m.rssMb);
    }
  };
  take();
  const idle = { app: memoryOf(pids.app), relay: memoryOf(pids.relay) };
  const timer = setInterval(take, SAMPLE_EVERY_MS);
  return {
    pids,
    idle,
    stop() {
      clearInterval(timer);
      take();
      const end = { app: memoryOf(pids.app), relay: memoryOf(pids.relay) };
      const peak = (role: "app" | "relay") => ({
        idleRssMb: idle[role]?.rssMb ?? null,
        peakSampledRssMb: Math.max(...series[role]),
        p50SampledRssMb: round(percentile(series[role], 50), 1),
        endRssMb: end[role]?.rssMb ?? null,
        // The kernel's high-water mark since the process started, between samples too.
        vmHwmMb: end[role]?.hwmMb ?? null,
        samples: series[role].length,
      });
      return { app: peak("app"), relay: peak("relay") };
    },
  };
}

type Tally = { ok: number; errors: number; ms: number[]; errorSamples: string[] };
const tally = (): Tally => ({ ok: 0, errors: 0, ms: [], errorSamples: [] });

async function timed(t: Tally, port: number, agent: ReturnType<typeof keepAliveAgent>, request: LoadRequest, ok: (r: LoadResponse) => boolean): Promise<LoadResponse | null> {
  const start = performance.now();
  try {
    const response = await send(agent, port, request);
    t.ms.push(performance.now() - start);
    if (ok(response)) {
      t.ok++;
      return response;
    }
    t.errors++;
    if (t.errorSamples.length < 3) t.errorSamples.push(`${request.method ?? "GET"} ${request.path}: ${response.status} ${response.headers.location ?? ""}`);
  } catch (error) {
    t.errors++;
    if (t.errorSamples.length < 3) t.errorSamples.push(`${request.method ?? "GET"} ${request.path}: ${(error as Error).message}`);
  }
  return null;
}

function describe(t: Tally, seconds: number) {
  return {
    ok: t.ok,
    errors: t.errors,
    perSecond: round(t.ms.length / seconds, 1),
    p50Ms: t.ms.length ? round(percentile(t.ms, 50)) : null,
    p99Ms: t.ms.length ? round(percentile(t.ms, 99)) : null,
    errorSamples: t.errorSamples,
  };
}

async function run(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "fastinviter-bench-memory-"));
  const seeded = seedAppDatabase(dir, (db) => {
    const hostId = addHost(db, "bench-host@example.test", "Bench Host");
    const shown = addEvent(db, hostId, { title: "Shown party" });
    addGuestList(db, hostId, shown.id, guestPaste("shown", HOST_EVENT_GUESTS));
    const rsvpEventIds: string[] = [];
    for (let e = 0; e < RSVP_GUESTS / 1_000; e++) {
      const event = addEvent(db, hostId, { title: `Answered party ${e}` });
      addGuestList(db, hostId, event.id, guestPaste(`answer${e}`, 1_000));
      rsvpEventIds.push(event.id);
    }
    const sendEventIds = Array.from({ length: SEND_EVENTS }, (_, e) => {
      const event = addEvent(db, hostId, { title: `Invited party ${e}` });
      addGuestList(db, hostId, event.id, guestPaste(`send${e}`, GUESTS_PER_SEND));
      return event.id;
    });
    const tokens = rsvpEventIds.flatMap((id) => db.select({ token: guests.token }).from(guests).where(eq(guests.eventId, id)).all().map((g) => g.token));
    return { shownEventId: shown.id, sendEventIds, tokens, cookie: signInHost(db, hostId) };
  });
  const app = await startApp(dir);
  const sampler = sampleMemory(app);
  const agent = keepAliveAgent(HOST_WORKERS + GUEST_WORKERS);
  // The sender idles longer than the server keeps a connection open: a fresh one each time,
  // rather than a pooled socket the server has just closed.
  const senderAgent = new http.Agent({ keepAlive: false, maxSockets: 1 });
  const hostHeaders = { cookie: seeded.cookie };
  const t = { hostPages: tally(), guestPages: tally(), rsvpPosts: tally(), sendInvites: tally() };
  try {
    const started = performance.now();
    const deadline = started + DURATION_MS;
    let nextToken = 0;
    let serial = 0;
    // A host looking at their events: the dashboard and an event page of 200 guests, in turn.
    const host = async (w: number) => {
      for (let i = w; performance.now() < deadline; i++) {
        const path = i % 2 === 0 ? "/events" : `/events/${seeded.shownEventId}`;
        await timed(t.hostPages, app.port, agent, { path, headers: hostHeaders }, (r) => r.status === 200);
      }
    };
    // A guest opening their link and answering: the page, then the form posted back.
    const guest = async () => {
      while (performance.now() < deadline && nextToken < seeded.tokens.length) {
        const token = seeded.tokens[nextToken++];
        const page = await timed(t.guestPages, app.port, agent, { path: `/i/${token}` }, (r) => r.status === 200 && actionForms(r.body).length === 1);
        if (!page) continue;
        const n = serial++;
        const { body, contentType } = multipart([...actionForms(page.body)[0].fields, ["answer", RSVP_ANSWERS[n % 3]], ["note", n % 4 === 0 ? "" : `Memory bench ${n}`]]);
        await timed(t.rsvpPosts, app.port, agent, { method: "POST", path: `/i/${token}`, headers: { origin: app.origin, "content-type": contentType }, body }, (r) => r.status === 303 && r.headers.location === `/i/${token}?saved=1`);
      }
    };
    // Now and then the host sends the invitations of an event: the page, then its Send invites form.
    const sender = async () => {
      for (const eventId of seeded.sendEventIds) {
        if (performance.now() >= deadline) return;
        const path = `/events/${eventId}`;
        const page = await timed(t.hostPages, app.port, senderAgent, { path, headers: hostHeaders }, (r) => r.status === 200);
        const form = page && actionForms(page.body).find((f) => f.text.startsWith("Send invites ("));
        if (form) {
          const { body, contentType } = multipart(form.fields);
          await timed(t.sendInvites, app.port, senderAgent, { method: "POST", path, headers: { ...hostHeaders, origin: app.origin, "content-type": contentType }, body }, (r) => r.status === 200 && r.body.includes("Everyone is invited"));
        } else {
          t.sendInvites.errors++;
          t.sendInvites.errorSamples.push(`no Send invites form on ${path}`);
        }
        await sleep(Math.max(0, Math.min(SEND_EVERY_MS, deadline - performance.now())));
      }
    };
    await Promise.all([...Array.from({ length: HOST_WORKERS }, (_, w) => host(w)), ...Array.from({ length: GUEST_WORKERS }, () => guest()), sender()]);
    const seconds = (performance.now() - started) / 1000;
    // The drain keeps handing mail to the relay after the load: keep sampling while it does.
    await sleep(DRAIN_WAIT_MS);
    const memory = sampler.stop();

    const db = openDatabase(join(dir, "app.db"));
    let mail: { state: string; n: number }[];
    try {
      mail = db.select({ state: outbox.state, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.state).all();
    } finally {
      db.$client.close();
    }
    const load = {
      seconds: round(seconds, 1),
      hostPages: describe(t.hostPages, seconds),
      guestPages: describe(t.guestPages, seconds),
      rsvpPosts: describe(t.rsvpPosts, seconds),
      sendInvites: { ...describe(t.sendInvites, seconds), invitationsQueued: t.sendInvites.ok * GUESTS_PER_SEND },
    };
    const errors = t.hostPages.errors + t.guestPages.errors + t.rsvpPosts.errors + t.sendInvites.errors;
    const appPeak = Math.max(memory.app.vmHwmMb ?? 0, memory.app.peakSampledRssMb);
    const relayPeak = Math.max(memory.relay.vmHwmMb ?? 0, memory.relay.peakSampledRssMb);
    const appPass = appPeak < TARGET_APP_MB;
    const relayPass = relayPeak < TARGET_RELAY_MB;
    console.log(`  ${load.seconds} s of mixed load: host pages ${load.hostPages.perSecond}/s, guest pages ${load.guestPages.perSecond}/s, RSVP posts ${load.rsvpPosts.perSecond}/s, send-invites ${t.sendInvites.ok} × ${GUESTS_PER_SEND} guests; errors ${errors}`);
    console.log(`  outbox after ${DRAIN_WAIT_MS / 1000} s more: ${mail.map((m) => `${m.state} ${m.n}`).join(", ")}`);
    console.log(`  app (next-server): idle ${memory.app.idleRssMb} MB, peak sampled RSS ${memory.app.peakSampledRssMb} MB, VmHWM ${memory.app.vmHwmMb} MB`);
    console.log(`  relay: idle ${memory.relay.idleRssMb} MB, peak sampled RSS ${memory.relay.peakSampledRssMb} MB, VmHWM ${memory.relay.vmHwmMb} MB`);
    console.log(`  targets: app under ${TARGET_APP_MB} MB ${appPass ? "PASS" : "FAIL"}, relay under ${TARGET_RELAY_MB} MB ${relayPass ? "PASS" : "FAIL"}`);
    return {
      figures: {
        memory,
        load,
        errors,
        outboxByState: mail,
        notes: [
          "next start (NODE_ENV=production) via the launcher; app = its next-server child, relay = its relay child (no smart host: mail stays in the relay's local mailbox)",
          `RSS read from /proc/<pid>/status every ${SAMPLE_EVERY_MS} ms from just after start-up until ${DRAIN_WAIT_MS / 1000} s after the load; VmHWM is the kernel's high-water mark since the process started; the peak is the larger of the two`,
          `${DURATION_MS / 1000} s mixed load over keep-alive connections: ${HOST_WORKERS} host loops (dashboard / an event page of ${HOST_EVENT_GUESTS} guests), ${GUEST_WORKERS} guest loops (RSVP page then answer post, a new guest each time, each answer queuing 2 emails), one host sending the invitations of a ${GUESTS_PER_SEND}-guest event every ${SEND_EVERY_MS / 1000} s`,
        ],
      },
      targets: {
        appPeakMb: { below: TARGET_APP_MB, actual: appPeak, pass: appPass },
        relayPeakMb: { below: TARGET_RELAY_MB, actual: relayPeak, pass: relayPass },
        // A peak measured under load that partly failed would not be the peak of that load.
        errors: { equals: 0, actual: errors, pass: errors === 0 },
      },
      pass: appPass && relayPass && errors === 0,
    };
  } finally {
    agent.destroy();
    senderAgent.destroy();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const memoryBench: Benchmark = {
  name: "memory",
  description: `peak RSS of the app (next-server) and the relay during ${DURATION_MS / 1000} s of mixed page, RSVP and send-invites load`,
  run,
};
