import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What one benchmark measured, what it was aiming for, and whether it got there. */
export type BenchOutcome = {
  figures: Record<string, unknown>;
  targets: Record<string, unknown>;
  pass: boolean;
};

export type Benchmark = {
  name: string;
  description: string;
  run(): Promise<BenchOutcome>;
};

export type BenchResult = BenchOutcome & {
  name: string;
  date: string;
  commit: string;
  /** Tracked files differed from `commit` when the bench ran: the figures may not be that commit's. */
  dirty: boolean;
  machine: MachineInfo;
};

export type MachineInfo = {
  cpus: { model: string; count: number };
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the bench started: other work on the machine skews timings. */
  loadAverage: number[];
  loadAverageAfter?: number[];
};

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "results");

/** Linear interpolation between the closest ranks, as numpy and most spreadsheets do. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Median, p90, min and max of timings in milliseconds, rounded for reading. */
export function summarize(samplesMs: number[]) {
  return {
    runs: samplesMs.length,
    medianMs: round(median(samplesMs)),
    p90Ms: round(percentile(samplesMs, 90)),
    minMs: round(Math.min(...samplesMs)),
    maxMs: round(Math.max(...samplesMs)),
    samplesMs: samplesMs.map((s) => round(s)),
  };
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: { model: cpus[0]?.model.trim() ?? "unknown", count: cpus.length },
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: os.loadavg().map((l) => round(l)),
  };
}

function git(...args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

export function gitCommit(): { commit: string; dirty: boolean } {
  try {
    return { commit: git("rev-parse", "--short", "HEAD"), dirty: git("status", "--porcelain", "--untracked-files=no") !== "" };
  } catch {
    return { commit: "unknown", dirty: true };
  }
}

/** Resolves true if the promise settled within `ms`, false if we stopped waiting. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function writeResult(name: string, outcome: BenchOutcome, startedAt: Date, machine: MachineInfo): string {
  const after = os.loadavg().map((l) => round(l));
  const result: BenchResult = { name, date: startedAt.toISOString(), ...gitCommit(), machine: { ...machine, loadAverageAfter: after }, ...outcome };
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
