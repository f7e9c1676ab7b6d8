import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { guests, outbox } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { queueDueReminders } from "@/lib/reminders/reminders";
import { wallTimeToInstant } from "@/lib/events/time";
import { addEvent, addGuestList, addHost, openTestDb } from "@/tests/support/db";
import { guestPaste } from "./app-fixtures";
import { median, round, type Benchmark, type BenchOutcome } from "./harness";

const EVENTS = 1_000;
const GUESTS_PER_EVENT = 100;
const EARLY_EVENTS = 10;
const IDLE_RUNS = 50;

const paris = (wall: string) => wallTimeToInstant(wall, "Europe/Paris")!;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

async function run(): Promise<BenchOutcome> {
  const t = openTestDb();
  try {
    const seedStart = performance.now();
    const host = addHost(t.db, "bench-host@example.test", "Bench Host");
    // Every event's answer reminder is 48 h before its deadline: the first few fall due on
    // 8 June 12:00, all the others on 18 June 12:00.
    for (let e = 0; e < EVENTS; e++) {
      const early = e < EARLY_EVENTS;
      const event = addEvent(t.db, host, {
        title: `Bench event ${e}`,
        startsAt: early ? "2030-06-11T19:00" : "2030-06-21T19:00",
        endsAt: early ? "2030-06-11T23:00" : "2030-06-21T23:00",
        rsvpDeadline: early ? "2030-06-10T12:00" : "2030-06-20T12:00",
      });
      addGuestList(t.db, host, event.id, guestPaste(`e${e}`, GUESTS_PER_EVENT));
      sendInvites(t.db, host, event.id);
    }
    const guestCount = t.db.select({ n: sql<number>`count(*)` }).from(guests).get()!.n;
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
    console.log(`  seeded ${EVENTS} events and ${guestCount} invited guests in ${seedSeconds} s`);

    // The timer's usual tick: nothing due.
    const idle = Array.from({ length: IDLE_RUNS }, () => timed(() => queueDueReminders(t.db, paris("2030-06-01T12:00"))));
    if (idle.some((r) => r.value !== 0)) throw new Error("a reminder was queued when none was due");
    const idleMs = idle.map((r) => r.ms);
    // A few events due at once: their 1,000 guests.
    const few = timed(() => queueDueReminders(t.db, paris("2030-06-08T12:00")));
    // The worst case: every other event due in the same tick.
    const all = timed(() => queueDueReminders(t.db, paris("2030-06-18T12:00")));
    const again = timed(() => queueDueReminders(t.db, paris("2030-06-18T12:01")));
    const queued = t.db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.kind, "reminder")).get()!.n;
    const expected = EVENTS * GUESTS_PER_EVENT;
    console.log(`  nothing due (the usual tick): median ${round(median(idleMs), 2)} ms over ${IDLE_RUNS} runs`);
    console.log(`  ${EARLY_EVENTS} events due: ${few.value} reminders found and queued in ${round(few.ms, 1)} ms`);
    console.log(`  ${EVENTS - EARLY_EVENTS} events due at once: ${all.value} reminders found and queued in ${round(all.ms)} ms; the next tick queued ${again.value} (${round(again.ms, 2)} ms)`);
    const pass = queued === expected && again.value === 0 && few.value === EARLY_EVENTS * GUESTS_PER_EVENT;
    console.log(`  every guest reminded exactly once (${queued} of ${expected}): ${pass ? "PASS" : "FAIL"}`);
    return {
      figures: {
        events: EVENTS,
        guests: guestCount,
        idleTickMedianMs: round(median(idleMs), 2),
        fewDue: { events: EARLY_EVENTS, queued: few.value, ms: round(few.ms, 1) },
        allDue: { events: EVENTS - EARLY_EVENTS, queued: all.value, ms: round(all.ms) },
        nextTickQueued: again.value,
        notes: [
          "in-process against a temporary SQLite database (WAL), as the app's timer runs it",
          `${EVENTS} events × ${GUESTS_PER_EVENT} invited guests, none answered; each event's answer reminder 48 h before its deadline`,
          "queueDueReminders: one read of the events whose reminder can be due, then per due event one INSERT … SELECT into the outbox and one UPDATE of its guests, in a transaction",
        ],
      },
      targets: { everyGuestRemindedOnce: { expected, actual: queued, pass } },
      pass,
    };
  } finally {
    t.close();
  }
}

export const remindersBench: Benchmark = {
  name: "reminders",
  description: `time to find and queue the due reminders among ${(EVENTS * GUESTS_PER_EVENT).toLocaleString("en")} guests`,
  run,
};
