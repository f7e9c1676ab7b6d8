import "./production-mode";
import { relative } from "node:path";
import { machineInfo, writeResult, type Benchmark } from "./harness";
import { endToEndBench } from "./end-to-end";
import { growthBench } from "./growth";
import { mixedBench } from "./mixed";
import { remindersBench } from "./reminders";
import { pagesBench } from "./pages";
import { relayAcceptBench } from "./relay-accept";
import { rsvpPostsBench } from "./rsvp-posts";
import { sendInvitesBench } from "./send-invites";

// Every benchmark `npm run bench` knows about. A new one is a file exporting a Benchmark, added here.
const benchmarks: Benchmark[] = [sendInvitesBench, relayAcceptBench, endToEndBench, pagesBench, rsvpPostsBench, growthBench, mixedBench, remindersBench];

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(", ")}`);
    console.error(`Available: ${benchmarks.map((b) => b.name).join(", ")}`);
    return 1;
  }
  const selected = names.length > 0 ? benchmarks.filter((b) => names.includes(b.name)) : benchmarks;
  for (const bench of selected) {
    console.log(`\n== ${bench.name}: ${bench.description}`);
    const startedAt = new Date();
    const machine = machineInfo();
    if (machine.loadAverage[0] >= machine.cpus.count / 2) {
      console.warn(`warning: load average ${machine.loadAverage[0]} on ${machine.cpus.count} CPUs: other work will skew the timings`);
    }
    const outcome = await bench.run();
    const file = writeResult(bench.name, outcome, startedAt, machine);
    console.log(`${bench.name}: ${outcome.pass ? "PASS" : "FAIL (target missed)"}; result in ${relative(process.cwd(), file)}`);
  }
  return 0;
}

// Exit explicitly: a benchmark may leave stalled sockets behind that would keep Node alive for minutes.
// A missed target is a figure to report, not an error; only a crash exits non-zero.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
