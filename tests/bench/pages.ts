import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { guests } from "@/db/schema";
import { addEvent, addGuestList, addHost } from "@/tests/support/db";
import { guestPaste, seedAppDatabase, signInHost } from "./app-fixtures";
import { startApp, type AppProcess } from "./app-server";
import { round, type Benchmark, type BenchOutcome } from "./harness";
import { describeLoad, mergeLoads, runLoad, type LoadRequest, type LoadResponse, type LoadRun } from "./http-load";
import { cpuSeconds, ownCpuSeconds } from "./processes";

const GUESTS_ON_EVENT = 50;
const CONNECTIONS = 8;
const WARMUP_MS = 2_000;
// Two rounds of each target, interleaved, so a burst of other work on the machine falls on all three.
const ROUNDS = 2;
const ROUND_MS = 5_000;
const TARGET_RSVP_SHARE_OF_CEILING = 0.5;

type Target = { name: "ceiling" | "rsvpPage" | "eventPage"; label: string; request: () => LoadRequest; ok: (r: LoadResponse) => boolean };

function appPid(app: AppProcess): number | null {
  return app.processes().find((p) => p.role === "app")?.pid ?? null;
}

async function run(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "fastinviter-bench-pages-"));
  const seeded = seedAppDatabase(dir, (db) => {
    const hostId = addHost(db, "bench-host@example.test", "Bench Host");
    const event = addEvent(db, hostId, { title: "Bench party" });
    addGuestList(db, hostId, event.id, guestPaste("pages", GUESTS_ON_EVENT));
    const tokens = db.select({ token: guests.token }).from(guests).where(eq(guests.eventId, event.id)).all().map((g) => g.token);
    return { eventId: event.id, tokens, cookie: signInHost(db, hostId) };
  });
  const app = await startApp(dir);
  try {
    let nextToken = 0;
    const targets: Target[] = [
      { name: "ceiling", label: "GET /api/ping (bare route handler)", request: () => ({ path: "/api/ping" }), ok: (r) => r.status === 200 && r.body === "ok" },
      {
        name: "rsvpPage",
        label: "GET /i/<token> (guest RSVP page)",
        request: () => ({ path: `/i/${seeded.tokens[nextToken++ % seeded.tokens.length]}` }),
        ok: (r) => r.status === 200 && r.body.includes("Bench party") && r.body.includes('name="answer"'),
      },
      {
        name: "eventPage",
        label: `GET /events/<id> (host's event page, ${GUESTS_ON_EVENT} guests)`,
        request: () => ({ path: `/events/${seeded.eventId}`, headers: { cookie: seeded.cookie } }),
        ok: (r) => r.status === 200 && r.body.includes("Bench party") && r.body.split(`data-guest="`).length - 1 === GUESTS_ON_EVENT,
      },
    ];
    const load = (target: Target, durationMs: number) => runLoad({ port: app.port, concurrency: CONNECTIONS, durationMs, next: target.request, ok: target.ok });

    for (const target of targets) await load(target, WARMUP_MS);
    const runs = new Map<Target["name"], LoadRun[]>(targets.map((t) => [t.name, []]));
    const cpu = new Map<Target["name"], { app: number; loadGenerator: number }>(targets.map((t) => [t.name, { app: 0, loadGenerator: 0 }]));
    const pid = appPid(app);
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        const before = { app: pid ? cpuSeconds(pid) : null, gen: ownCpuSeconds() };
        runs.get(target.name)!.push(await load(target, ROUND_MS));
        const after = pid ? cpuSeconds(pid) : null;
        const c = cpu.get(target.name)!;
        if (before.app !== null && after !== null) c.app += after - before.app;
        c.loadGenerator += ownCpuSeconds() - before.gen;
      }
    }

    const results = Object.fromEntries(
      targets.map((t) => {
        const summary = mergeLoads(runs.get(t.name)!);
        const c = cpu.get(t.name)!;
        const perRequest = (seconds: number) => round((seconds * 1000) / Math.max(summary.requests, 1), 3);
        return [t.name, { what: t.label, ...summary, cpuMsPerRequest: { app: perRequest(c.app), loadGenerator: perRequest(c.loadGenerator) } }];
      }),
    ) as Record<Target["name"], ReturnType<typeof mergeLoads> & { what: string; cpuMsPerRequest: { app: number; loadGenerator: number } }>;
    for (const t of targets) console.log(`  ${describeLoad(t.label, results[t.name])}; CPU per request: app ${results[t.name].cpuMsPerRequest.app} ms, load generator ${results[t.name].cpuMsPerRequest.loadGenerator} ms`);

    const ceiling = results.ceiling.requestsPerSecond;
    const ratios = {
      rsvpPageToCeiling: round(results.rsvpPage.requestsPerSecond / ceiling, 3),
      eventPageToCeiling: round(results.eventPage.requestsPerSecond / ceiling, 3),
    };
    const errors = results.ceiling.errors + results.rsvpPage.errors + results.eventPage.errors;
    const pass = ratios.rsvpPageToCeiling >= TARGET_RSVP_SHARE_OF_CEILING && errors === 0;
    console.log(`  ratio to the ceiling: RSVP page ${ratios.rsvpPageToCeiling}, event page ${ratios.eventPageToCeiling}`);
    console.log(`  target: RSVP page at least ${TARGET_RSVP_SHARE_OF_CEILING} of the ceiling, no errors: ${pass ? "PASS" : "FAIL"}`);
    return {
      figures: {
        ...results,
        ratios,
        notes: [
          "next start (NODE_ENV=production) via the launcher, its relay running with no smart host; a fresh temp database seeded before start",
          `one event with ${GUESTS_ON_EVENT} guests; the RSVP page rotates over its ${GUESTS_ON_EVENT} tokens; the event page is read with a database session cookie`,
          `closed loop in this process (node:http, keep-alive), ${CONNECTIONS} connections; ${WARMUP_MS / 1000} s warm-up per target, then ${ROUNDS} interleaved rounds of ${ROUND_MS / 1000} s per target, merged`,
          "the load generator shares the 2 CPUs with the server: cpuMsPerRequest says how much of each it took",
        ],
      },
      targets: {
        rsvpPageShareOfCeiling: { atLeast: TARGET_RSVP_SHARE_OF_CEILING, actual: ratios.rsvpPageToCeiling, pass: ratios.rsvpPageToCeiling >= TARGET_RSVP_SHARE_OF_CEILING },
        errors: { equals: 0, actual: errors, pass: errors === 0 },
      },
      pass,
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pagesBench: Benchmark = {
  name: "pages",
  description: "page throughput: the guest RSVP page and the host's event page against a bare route handler in the same server",
  run,
};
