import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { events, guests, outbox, RSVP_ANSWERS, type RsvpAnswer } from "@/db/schema";
import { STORAGE_MESSAGE } from "@/lib/storage-errors";
import { addEvent, addGuestList, addHost } from "@/tests/support/db";
import { actionForms, answerForm, guestPaste, hasAnswerForm, multipart, seedAppDatabase, signInHost, type ActionForm } from "./app-fixtures";
import { startApp, type AppProcess } from "./app-server";
import { percentile, round, sleep, type Benchmark, type BenchOutcome } from "./harness";
import { send, type LoadRequest, type LoadResponse } from "./http-load";

const DURATION_MS = 60_000;
const SAMPLE_EVERY_MS = 200;
/** Hosts each adding new guests to their own event and sending their invitations, in a loop. */
const HOSTS = 20;
const GUESTS_PER_ROUND = 5;
const HOST_PAUSE_MS = 1_500;
/** Guests answering at the same time, each a new guest opening their link and answering. */
const GUESTS = 200;
const ANSWER_EVENTS = 12;
const GUESTS_PER_ANSWER_EVENT = 1_000;
/** After the load, how long the outbox may take to hand everything to the relay. */
const SETTLE_MS = 180_000;

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

async function timed(t: Tally, port: number, agent: http.Agent, request: LoadRequest, ok: (r: LoadResponse) => boolean, onNoResponse?: () => void): Promise<LoadResponse | null> {
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
    onNoResponse?.();
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

type Answered = { answer: RsvpAnswer; note: string };
type Check = { name: string; expected: number | string; actual: number | string; pass: boolean };
const check = (name: string, expected: number | string, actual: number | string): Check => ({ name, expected, actual, pass: expected === actual });

/** One of each request the load makes, before it, changing nothing: each route's code loads on its first request. */
async function warmUp(app: AppProcess, host: { eventId: string; cookie: string }, token: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const expect = async (request: LoadRequest, status: number) => {
      const response = await send(agent, app.port, request);
      if (response.status !== status) throw new Error(`warm-up: ${request.method ?? "GET"} ${request.path} answered ${response.status}, expected ${status}`);
      return response;
    };
    await expect({ path: "/api/ping" }, 200);
    await expect({ path: `/i/${token}` }, 200);
    // An answer that is not one: redirected back with the problem named, nothing saved.
    const { body, contentType } = answerForm("warm-up", "");
    await expect({ method: "POST", path: `/i/${token}`, headers: { origin: app.origin, "content-type": contentType }, body }, 303);
    const page = await expect({ path: `/events/${host.eventId}`, headers: { cookie: host.cookie } }, 200);
    const paste = actionForms(page.body).find((f) => f.text.includes("Add these guests"));
    if (!paste) throw new Error("warm-up: no paste form on the host's event page");
    // An empty paste: the form explains, nothing is added.
    const empty = multipart([...paste.fields, ["guests", ""]]);
    await expect({ method: "POST", path: `/events/${host.eventId}`, headers: { cookie: host.cookie, origin: app.origin, "content-type": empty.contentType }, body: empty.body }, 200);
  } finally {
    agent.destroy();
  }
}

/**
 * Opens every keep-alive connection the load will use, with one cheap request each, before the
 * load starts. Node (libuv 1.46) accepts one new connection per event-loop pass, and under
 * this load a pass serves every busy connection's next request (0.5–1.5 s): connections still
 * waiting in the accept queue when the load started got in about one per second, and in some
 * runs 27–128 of the first requests had no response within 30 s. Real guests do not arrive as
 * 200 closed loops; see the README.
 */
async function openConnections(port: number, agents: { agent: http.Agent; sockets: number }[]): Promise<void> {
  await Promise.all(agents.flatMap(({ agent, sockets }) => Array.from({ length: sockets }, () => send(agent, port, { path: "/api/ping" }))));
}

async function run(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "fastinviter-bench-mixed-"));
  const seeded = seedAppDatabase(dir, (db) => {
    const hosts = Array.from({ length: HOSTS }, (_, h) => {
      const hostId = addHost(db, `host${h}@example.test`, `Host ${h}`);
      const event = addEvent(db, hostId, { title: `Host ${h}'s party` });
      return { eventId: event.id, cookie: signInHost(db, hostId) };
    });
    const answerHost = addHost(db, "answers@example.test", "Answering Host");
    const answerEventIds = Array.from({ length: ANSWER_EVENTS }, (_, e) => {
      const event = addEvent(db, answerHost, { title: `Answered party ${e}` });
      addGuestList(db, answerHost, event.id, guestPaste(`answer${e}`, GUESTS_PER_ANSWER_EVENT));
      return event.id;
    });
    const tokens = db.select({ token: guests.token }).from(guests).where(inArray(guests.eventId, answerEventIds)).all().map((g) => g.token);
    return { hosts, answerEventIds, tokens };
  });
  const app = await startApp(dir);
  const sampler = sampleMemory(app);
  const guestAgent = new http.Agent({ keepAlive: true, maxSockets: GUESTS });
  const hostAgents = seeded.hosts.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const t = { hostPages: tally(), addGuests: tally(), sendInvites: tally(), guestPages: tally(), rsvpPosts: tally() };
  const added = new Array<number>(HOSTS).fill(0);
  const invited = new Array<number>(HOSTS).fill(0);
  const answered = new Map<string, Answered>();
  const unanswered = new Set<string>();
  const storageRefused = (r: LoadResponse) => r.body.includes(STORAGE_MESSAGE);
  try {
    await warmUp(app, seeded.hosts[0], seeded.tokens[seeded.tokens.length - 1]);
    await openConnections(app.port, [{ agent: guestAgent, sockets: GUESTS }, ...hostAgents.map((agent) => ({ agent, sockets: 1 }))]);
    const started = performance.now();
    const deadline = started + DURATION_MS;

    // A host adding a few new guests by paste, then sending their invitations, again and again:
    // the event page's own forms, posted as a browser without JavaScript posts them.
    const host = async (h: number) => {
      const { eventId, cookie } = seeded.hosts[h];
      const agent = hostAgents[h];
      const path = `/events/${eventId}`;
      const page = await timed(t.hostPages, app.port, agent, { path, headers: { cookie } }, (r) => r.status === 200);
      const paste = page && actionForms(page.body).find((f) => f.text.includes("Add these guests"));
      if (!paste) {
        t.hostPages.errors++;
        t.hostPages.errorSamples.push(`no paste form on ${path}`);
        return;
      }
      const post = (form: ActionForm, extra: [string, string][]): LoadRequest => {
        const { body, contentType } = multipart([...form.fields, ...extra]);
        return { method: "POST", path, headers: { cookie, origin: app.origin, "content-type": contentType }, body };
      };
      for (let round = 0; performance.now() < deadline; round++) {
        const lines = Array.from({ length: GUESTS_PER_ROUND }, (_, i) => `New ${h}.${round}.${i} <new${h}.${round}.${i}@example.test>`);
        const afterAdd = await timed(t.addGuests, app.port, agent, post(paste, [["guests", lines.join("\n")]]), (r) => r.status === 200 && r.body.includes(`Added ${GUESTS_PER_ROUND} guests.`) && !storageRefused(r));
        if (afterAdd) {
          added[h] += GUESTS_PER_ROUND;
          const sendForm = actionForms(afterAdd.body).find((f) => f.text.startsWith("Send invites ("));
          if (!sendForm) {
            t.sendInvites.errors++;
            t.sendInvites.errorSamples.push(`no Send invites form after adding guests on ${path}`);
          } else if (await timed(t.sendInvites, app.port, agent, post(sendForm, []), (r) => r.status === 200 && r.body.includes("Everyone is invited") && !storageRefused(r))) {
            invited[h] = added[h];
          }
        }
        await sleep(Math.max(0, Math.min(HOST_PAUSE_MS, deadline - performance.now())));
      }
    };
    // A guest opening their link and answering; then the next guest.
    let nextToken = 0;
    let serial = 0;
    const guest = async () => {
      while (performance.now() < deadline && nextToken < seeded.tokens.length) {
        const token = seeded.tokens[nextToken++];
        const page = await timed(t.guestPages, app.port, guestAgent, { path: `/i/${token}` }, (r) => r.status === 200 && hasAnswerForm(r.body));
        if (!page) continue;
        const n = serial++;
        const choice: Answered = { answer: RSVP_ANSWERS[n % RSVP_ANSWERS.length], note: n % 4 === 0 ? "" : `Mixed bench ${n}` };
        const { body, contentType } = answerForm(choice.answer, choice.note);
        const request: LoadRequest = { method: "POST", path: `/i/${token}`, headers: { origin: app.origin, "content-type": contentType }, body };
        const saved = await timed(
          t.rsvpPosts,
          app.port,
          guestAgent,
          request,
          (r) => r.status === 303 && r.headers.location === `/i/${token}?saved=1`,
          // A post that got no response at all may still have been saved: counted apart below.
          () => unanswered.add(token),
        );
        if (saved) answered.set(token, choice);
      }
    };
    await Promise.all([...seeded.hosts.map((_, h) => host(h)), ...Array.from({ length: GUESTS }, () => guest())]);
    const seconds = (performance.now() - started) / 1000;

    // Then the outbox must empty: every invitation, confirmation and notification handed to the relay.
    const db = openDatabase(join(dir, "app.db"));
    let checks: Check[];
    let settleSeconds: number;
    let outboxByKindAndState: { kind: string; state: string; n: number }[];
    let memory: ReturnType<ReturnType<typeof sampleMemory>["stop"]>;
    try {
      const pending = () => db.select({ n: sql<number>`count(*)` }).from(outbox).where(inArray(outbox.state, ["queued", "sending"])).get()!.n;
      const settleStart = performance.now();
      while (pending() > 0 && performance.now() - settleStart < SETTLE_MS) await sleep(500);
      settleSeconds = round((performance.now() - settleStart) / 1000, 1);
      memory = sampler.stop();

      outboxByKindAndState = db.select({ kind: outbox.kind, state: outbox.state, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.kind, outbox.state).all();
      const mailOf = (kind: string) => outboxByKindAndState.filter((m) => m.kind === kind).reduce((sum, m) => sum + m.n, 0);
      const sentMail = outboxByKindAndState.filter((m) => m.state === "sent").reduce((sum, m) => sum + m.n, 0);
      const allMail = outboxByKindAndState.reduce((sum, m) => sum + m.n, 0);

      const hostEventIds = seeded.hosts.map((x) => x.eventId);
      const guestsPerEvent = new Map(
        db.select({ eventId: guests.eventId, n: sql<number>`count(*)`, invited: sql<number>`count(${guests.lastInvitationId})` }).from(guests).where(inArray(guests.eventId, hostEventIds)).groupBy(guests.eventId).all().map((r) => [r.eventId, r]),
      );
      const hostMismatches = seeded.hosts.filter((x, h) => (guestsPerEvent.get(x.eventId)?.n ?? 0) !== added[h] || (guestsPerEvent.get(x.eventId)?.invited ?? 0) !== invited[h]).length;

      const answeredTokens = [...answered.keys()];
      const stored = new Map<string, Answered>();
      for (let i = 0; i < answeredTokens.length; i += 500) {
        for (const g of db.select({ token: guests.token, answer: guests.answer, note: guests.note }).from(guests).where(inArray(guests.token, answeredTokens.slice(i, i + 500))).all()) {
          if (g.answer) stored.set(g.token, { answer: g.answer, note: g.note });
        }
      }
      const answerMismatches = answeredTokens.filter((token) => stored.get(token)?.answer !== answered.get(token)!.answer || stored.get(token)?.note !== answered.get(token)!.note).length;
      const unansweredSaved = db.select({ n: sql<number>`count(*)` }).from(guests).where(and(inArray(guests.token, [...unanswered]), isNotNull(guests.answeredAt))).get()!.n;
      const answersInDb = db.select({ n: sql<number>`count(*)` }).from(guests).where(and(inArray(guests.eventId, seeded.answerEventIds), isNotNull(guests.answeredAt))).get()!.n;

      const relay = new Database(join(dir, "relay.db"), { readonly: true });
      const spool = relay.prepare("SELECT count(*) AS n, count(DISTINCT message_id) AS distinctIds FROM message").get() as { n: number; distinctIds: number };
      relay.close();
      const log = readFileSync(app.logFile, "utf8");
      const busyInLog = (log.match(/SQLITE_BUSY|database is locked/g) ?? []).length;

      const totalInvited = invited.reduce((a, b) => a + b, 0);
      checks = [
        check("host events whose guest and invited counts match what the hosts added and sent", 0, hostMismatches),
        // Posts the client gave up on may or may not have been saved; each counts once either way.
        check("guests answered in the database = answers accepted (+ those of posts that got no response)", answered.size + unansweredSaved, answersInDb),
        check("answers whose stored answer and note differ from the last accepted post", 0, answerMismatches),
        check("invitations queued = guests invited", totalInvited, mailOf("invitation")),
        check("confirmations queued = answers saved (each a guest's first)", answersInDb, mailOf("rsvp_confirmation")),
        check("host notifications queued = answers saved", answersInDb, mailOf("host_notification")),
        check("outbox rows handed to the relay = all outbox rows", allMail, sentMail),
        check("messages in the relay's spool = outbox rows handed over", sentMail, spool.n),
        check("distinct Message-IDs in the relay's spool = its messages", spool.n, spool.distinctIds),
        check("SQLITE_BUSY or 'database is locked' lines in the app's log", 0, busyInLog),
      ];
    } finally {
      db.$client.close();
    }

    const load = {
      seconds: round(seconds, 1),
      hostPages: describe(t.hostPages, seconds),
      addGuests: { ...describe(t.addGuests, seconds), guestsAdded: added.reduce((a, b) => a + b, 0) },
      sendInvites: { ...describe(t.sendInvites, seconds), guestsInvited: invited.reduce((a, b) => a + b, 0) },
      guestPages: describe(t.guestPages, seconds),
      rsvpPosts: { ...describe(t.rsvpPosts, seconds), answered: answered.size },
    };
    const errors = Object.values(t).reduce((sum, x) => sum + x.errors, 0);
    const appPeak = Math.max(memory.app.vmHwmMb ?? 0, memory.app.peakSampledRssMb);
    const relayPeak = Math.max(memory.relay.vmHwmMb ?? 0, memory.relay.peakSampledRssMb);
    const appPass = appPeak < TARGET_APP_MB;
    const relayPass = relayPeak < TARGET_RELAY_MB;
    const countsPass = checks.every((c) => c.pass);
    console.log(`  ${load.seconds} s: ${HOSTS} hosts added ${load.addGuests.guestsAdded} guests (${load.addGuests.perSecond} pastes/s) and invited ${load.sendInvites.guestsInvited}; ${GUESTS} guests opened ${t.guestPages.ok} pages and answered ${answered.size} times (${load.rsvpPosts.perSecond}/s, p50 ${load.rsvpPosts.p50Ms} ms, p99 ${load.rsvpPosts.p99Ms} ms); errors ${errors}`);
    for (const [name, x] of Object.entries(t)) if (x.errors) console.log(`    ${name}: ${x.errors} errors, e.g. ${x.errorSamples.join("; ")}`);
    console.log(`  the outbox emptied ${settleSeconds} s after the load: ${outboxByKindAndState.map((m) => `${m.kind} ${m.state} ${m.n}`).join(", ")}`);
    for (const c of checks) console.log(`    ${c.pass ? "ok  " : "FAIL"} ${c.name}: expected ${c.expected}, got ${c.actual}`);
    console.log(`  app (next-server): idle ${memory.app.idleRssMb} MB, peak sampled RSS ${memory.app.peakSampledRssMb} MB, VmHWM ${memory.app.vmHwmMb} MB`);
    console.log(`  relay: idle ${memory.relay.idleRssMb} MB, peak sampled RSS ${memory.relay.peakSampledRssMb} MB, VmHWM ${memory.relay.vmHwmMb} MB`);
    console.log(`  targets: zero errors ${errors === 0 ? "PASS" : "FAIL"}, counts ${countsPass ? "PASS" : "FAIL"}, app under ${TARGET_APP_MB} MB ${appPass ? "PASS" : "FAIL"}, relay under ${TARGET_RELAY_MB} MB ${relayPass ? "PASS" : "FAIL"}`);
    return {
      figures: {
        load,
        errors,
        settleSeconds,
        checks,
        outboxByKindAndState,
        memory,
        notes: [
          "next start (NODE_ENV=production) via the launcher; app = its next-server child, relay = its relay child (no smart host: mail stays in the relay's local mailbox and is reported delivered to the app)",
          `${HOSTS} hosts, each signed in with its own session and its own event, loop for ${DURATION_MS / 1000} s: paste ${GUESTS_PER_ROUND} new guests (the event page's server-action form, posted without JavaScript), then post the "Send invites" form from that response, then pause ${HOST_PAUSE_MS / 1000} s`,
          `${GUESTS} guests at once, each opening a new guest's link (GET /i/<token>) and posting an answer, from ${ANSWER_EVENTS} × ${GUESTS_PER_ANSWER_EVENT} seeded guests; each answer queues the guest's confirmation and the host's notification`,
          "before the load: one of each request (warm-up), then every connection opened with one GET /api/ping",
          "an error is any other status, a missing form, an answer not redirected to ?saved=1, or the storage-problem message in a page",
          `after the load the bench waits (at most ${SETTLE_MS / 1000} s) for the outbox to empty, then checks every count in the app's database and the relay's spool, and the app's log for SQLITE_BUSY`,
          `RSS read from /proc/<pid>/status every ${SAMPLE_EVERY_MS} ms from just after start-up until the outbox emptied; VmHWM is the kernel's high-water mark; the peak is the larger of the two`,
        ],
      },
      targets: {
        errors: { equals: 0, actual: errors, pass: errors === 0 },
        counts: { pass: countsPass, failed: checks.filter((c) => !c.pass).map((c) => c.name) },
        appPeakMb: { below: TARGET_APP_MB, actual: appPeak, pass: appPass },
        relayPeakMb: { below: TARGET_RELAY_MB, actual: relayPeak, pass: relayPass },
      },
      pass: errors === 0 && countsPass && appPass && relayPass,
    };
  } finally {
    guestAgent.destroy();
    for (const agent of hostAgents) agent.destroy();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const mixedBench: Benchmark = {
  name: "mixed",
  description: `${DURATION_MS / 1000} s of ${HOSTS} hosts inviting new guests while ${GUESTS} guests answer: errors, every count afterwards, and the app's and relay's peak memory`,
  run,
};
