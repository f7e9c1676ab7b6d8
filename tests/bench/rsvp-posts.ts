import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { guests, outbox, RSVP_ANSWERS, type RsvpAnswer } from "@/db/schema";
import { LIMITS } from "@/lib/rate-limit";
import { addEvent, addGuestList, addHost } from "@/tests/support/db";
import { answerForm, guestPaste, hasAnswerForm, seedAppDatabase } from "./app-fixtures";
import { startApp } from "./app-server";
import { round, sleep, type Benchmark, type BenchOutcome } from "./harness";
import { describeLoad, runLoad, type LoadRequest } from "./http-load";
import { cpuSeconds, ownCpuSeconds } from "./processes";

const EVENTS = 4;
const GUESTS_PER_EVENT = 500;
const TOKENS = EVENTS * GUESTS_PER_EVENT;
const CONNECTIONS = 8;
const DURATION_MS = 10_000;
// Well under the limit per token, so a refusal can only mean the limiter misjudged.
const MAX_POSTS_PER_TOKEN = 10;
const DRAIN_WAIT_MS = 5_000;

type Posted = { token: string; answer: RsvpAnswer; note: string };

async function run(): Promise<BenchOutcome> {
  if (MAX_POSTS_PER_TOKEN >= LIMITS.rsvpPerToken.limit) throw new Error("the bench would run into the RSVP rate limit by design");
  const dir = mkdtempSync(join(tmpdir(), "fastinviter-bench-rsvp-"));
  const tokens = seedAppDatabase(dir, (db) => {
    const hostId = addHost(db, "bench-host@example.test", "Bench Host");
    for (let e = 1; e <= EVENTS; e++) {
      const event = addEvent(db, hostId, { title: `Bench party ${e}` });
      addGuestList(db, hostId, event.id, guestPaste(`rsvp${e}`, GUESTS_PER_EVENT));
    }
    return db.select({ token: guests.token }).from(guests).all().map((g) => g.token);
  });
  if (tokens.length !== TOKENS) throw new Error(`seeded ${tokens.length} guests, expected ${TOKENS}`);
  const app = await startApp(dir);
  try {
    // Every guest's page once, as a guest opens the link before answering. Not timed; it also
    // warms the server up.
    const opened = new Set<string>();
    let nextPage = 0;
    const pages = await runLoad({
      port: app.port,
      concurrency: CONNECTIONS,
      durationMs: 120_000,
      next: () => (nextPage < tokens.length ? { path: `/i/${tokens[nextPage++]}` } : null),
      ok: (r) => r.status === 200 && hasAnswerForm(r.body),
      onSuccess: (request) => opened.add(request.path.slice("/i/".length)),
    });
    console.log(`  ${describeLoad("opened the RSVP pages (GET /i/<token>)", pages.summary)}`);
    if (opened.size !== TOKENS) throw new Error(`opened the page of ${opened.size} of ${TOKENS} guests: ${pages.summary.errorSamples.join("; ")}`);

    // Worker w answers for tokens w, w + CONNECTIONS, …, one post at a time, so for every token
    // the last accepted post is the one the database must hold.
    const mine = Array.from({ length: CONNECTIONS }, (_, w) => tokens.filter((_, i) => i % CONNECTIONS === w));
    const cursor = new Array<number>(CONNECTIONS).fill(0);
    const postsPerToken = new Map<string, number>();
    const lastAccepted = new Map<string, Posted>();
    const failedTokens = new Set<string>();
    const posted = new WeakMap<LoadRequest, Posted>();
    let serial = 0;
    let expectedMail = 0;
    const next = (w: number): LoadRequest | null => {
      const token = mine[w][cursor[w]++ % mine[w].length];
      const count = postsPerToken.get(token) ?? 0;
      if (count >= MAX_POSTS_PER_TOKEN) return null;
      postsPerToken.set(token, count + 1);
      const n = serial++;
      const answer = RSVP_ANSWERS[n % RSVP_ANSWERS.length];
      // Every fourth answer without a note, as most guests send.
      const note = n % 4 === 0 ? "" : `Bench note ${n}: see you there`;
      const { body, contentType } = answerForm(answer, note);
      const request: LoadRequest = { method: "POST", path: `/i/${token}`, headers: { origin: app.origin, "content-type": contentType }, body };
      posted.set(request, { token, answer, note });
      return request;
    };
    const appPid = app.processes().find((p) => p.role === "app")?.pid ?? null;
    const cpuBefore = { app: appPid ? cpuSeconds(appPid) : null, gen: ownCpuSeconds() };
    const load = await runLoad({
      port: app.port,
      concurrency: CONNECTIONS,
      durationMs: DURATION_MS,
      next,
      ok: (r, request) => {
        const success = r.status === 303 && r.headers.location === `${request.path}?saved=1`;
        if (!success) failedTokens.add(posted.get(request)!.token);
        return success;
      },
      onSuccess: (request) => {
        const p = posted.get(request)!;
        // A changed answer is confirmed to the guest; every answer, changed or not, is news for the host.
        expectedMail += lastAccepted.get(p.token)?.answer === p.answer ? 1 : 2;
        lastAccepted.set(p.token, p);
      },
    });
    const cpuAfter = { app: appPid ? cpuSeconds(appPid) : null, gen: ownCpuSeconds() };
    const posts = load.summary;
    console.log(`  ${describeLoad("RSVP answers (POST /i/<token>)", posts)}`);

    // The app hands the confirmations and host notifications to the relay after each response;
    // give it a moment so the outbox figures say how far it got, then read what was stored.
    await sleep(DRAIN_WAIT_MS);
    const db = openDatabase(join(dir, "app.db"));
    let stored: { token: string; answer: string | null; note: string }[] = [];
    let mail: { kind: string; state: string; n: number }[] = [];
    try {
      const answered = [...lastAccepted.keys()];
      for (let i = 0; i < answered.length; i += 500) {
        stored = stored.concat(
          db.select({ token: guests.token, answer: guests.answer, note: guests.note }).from(guests).where(inArray(guests.token, answered.slice(i, i + 500))).all(),
        );
      }
      mail = db.select({ kind: outbox.kind, state: outbox.state, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.kind, outbox.state).all();
    } finally {
      db.$client.close();
    }
    const byToken = new Map(stored.map((s) => [s.token, s]));
    const mismatches = [...lastAccepted.values()].filter((p) => {
      const s = byToken.get(p.token);
      return !s || s.answer !== p.answer || s.note !== p.note;
    });
    const answeredTokens = lastAccepted.size;
    const maxPostsOnOneToken = Math.max(...postsPerToken.values());
    const queuedMail = mail.filter((m) => m.kind === "rsvp_confirmation" || m.kind === "host_notification").reduce((sum, m) => sum + m.n, 0);
    const handedOver = mail.filter((m) => (m.kind === "rsvp_confirmation" || m.kind === "host_notification") && m.state === "sent").reduce((sum, m) => sum + m.n, 0);
    const accepted = posts.requests - posts.errors;
    console.log(`  ${accepted} answers accepted for ${answeredTokens} guests (at most ${maxPostsOnOneToken} posts on one token); database agrees for ${answeredTokens - mismatches.length}, mismatches ${mismatches.length}`);
    console.log(`  mail queued by the answers: ${queuedMail} (expected ${expectedMail}: one per answer for the host, one per changed answer for the guest); handed to the relay ${DRAIN_WAIT_MS / 1000} s after the load: ${handedOver}`);

    const pass = posts.errors === 0 && mismatches.length === 0 && queuedMail === expectedMail;
    console.log(`  target: zero errors and every accepted answer stored: ${pass ? "PASS" : "FAIL"}`);
    return {
      figures: {
        postsPerSecond: posts.requestsPerSecond,
        posts,
        formFetch: pages.summary,
        answeredGuests: answeredTokens,
        maxPostsOnOneToken,
        databaseMismatches: mismatches.length,
        mismatchSamples: mismatches.slice(0, 3).map((m) => ({ posted: m, stored: byToken.get(m.token) ?? null })),
        tokensWithAFailedPost: failedTokens.size,
        mailQueuedByAnswers: queuedMail,
        mailHandedToRelayAfterWait: handedOver,
        outboxByKindAndState: mail,
        cpuSecondsDuringPosts: {
          app: cpuBefore.app !== null && cpuAfter.app !== null ? round(cpuAfter.app - cpuBefore.app) : null,
          loadGenerator: round(cpuAfter.gen - cpuBefore.gen),
        },
        notes: [
          "next start (NODE_ENV=production) via the launcher, its relay running with no smart host (mail stays in its local mailbox)",
          `${EVENTS} events × ${GUESTS_PER_EVENT} guests; each event asks for the guest's confirmation and the host's notification, so every answer queues the host's notification and every changed answer the guest's confirmation that the app hands to the relay while the load runs`,
          `every guest's page opened first (GET /i/<token>), then ${CONNECTIONS} keep-alive connections post the form (urlencoded answer and note) with Origin http://localhost:PORT for ${DURATION_MS / 1000} s; success = 303 to /i/<token>?saved=1, anything else (including ?problem=busy) an error`,
          `at most ${MAX_POSTS_PER_TOKEN} posts per token (rate limit ${LIMITS.rsvpPerToken.limit} per hour); each token is posted by one connection only, so its last accepted answer must be what the database holds`,
        ],
      },
      targets: {
        errors: { equals: 0, actual: posts.errors, pass: posts.errors === 0 },
        databaseMatchesPosts: { mismatches: mismatches.length, pass: mismatches.length === 0 },
        mailQueued: { expected: expectedMail, actual: queuedMail, pass: queuedMail === expectedMail },
      },
      pass,
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const rsvpPostsBench: Benchmark = {
  name: "rsvp-posts",
  description: "RSVP answers posted to the guest's page: posts per second with zero errors, checked against the database",
  run,
};
