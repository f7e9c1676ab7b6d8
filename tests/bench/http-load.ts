import http from "node:http";
import { performance } from "node:perf_hooks";
import { percentile, round } from "./harness";

/** One request the load generator sends; `host` is the Host header the app sees (localhost:PORT). */
export type LoadRequest = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: Buffer };
export type LoadResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type LoadOptions = {
  port: number;
  concurrency: number;
  durationMs: number;
  /** The next request for this worker, or null when it has nothing left to send. */
  next(worker: number): LoadRequest | null;
  /** Whether the response is what a user would call success; anything else counts as an error. */
  ok(response: LoadResponse, request: LoadRequest): boolean;
  /** Called after each successful response, e.g. to record what was accepted. */
  onSuccess?(request: LoadRequest, response: LoadResponse, worker: number): void;
};

export type LoadSummary = {
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  concurrency: number;
  /** A few failures as seen, to say what went wrong. */
  errorSamples: string[];
};

/** A summary and the latencies behind it, so runs of the same target can be merged. */
export type LoadRun = { summary: LoadSummary; latenciesMs: number[] };

/** One request on a keep-alive agent; the body is read whole, as a browser would. */
export function send(agent: http.Agent, port: number, request: LoadRequest, timeoutMs = 30_000): Promise<LoadResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: `localhost:${port}`, ...request.headers };
    if (request.body) headers["content-length"] = request.body.length;
    const req = http.request({ host: "127.0.0.1", port, method: request.method ?? "GET", path: request.path, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(request.body);
  });
}

export function keepAliveAgent(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets });
}

/**
 * `concurrency` workers, each sending its next request as soon as the previous one is
 * answered, for `durationMs` (a closed loop, as wrk does). Latency is per request.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const agent = keepAliveAgent(options.concurrency);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async (w: number) => {
    while (performance.now() < deadline) {
      const request = options.next(w);
      if (!request) return;
      const t0 = performance.now();
      try {
        const response = await send(agent, options.port, request);
        latencies.push(performance.now() - t0);
        if (options.ok(response, request)) {
          options.onSuccess?.(request, response, w);
        } else {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${request.method ?? "GET"} ${request.path}: ${response.status} ${response.headers.location ?? response.body.slice(0, 120)}`);
        }
      } catch (error) {
        latencies.push(performance.now() - t0);
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${request.method ?? "GET"} ${request.path}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { summary: summarizeLoad(latencies, errors, seconds, options.concurrency, errorSamples), latenciesMs: latencies };
}

function summarizeLoad(latencies: number[], errors: number, seconds: number, concurrency: number, errorSamples: string[]): LoadSummary {
  const pct = (p: number) => (latencies.length ? round(percentile(latencies, p)) : 0);
  return {
    requests: latencies.length,
    errors,
    seconds: round(seconds, 2),
    requestsPerSecond: round(latencies.length / seconds, 1),
    p50Ms: pct(50),
    p90Ms: pct(90),
    p99Ms: pct(99),
    maxMs: latencies.length ? round(latencies.reduce((a, b) => Math.max(a, b), 0)) : 0,
    concurrency,
    errorSamples,
  };
}

/** Several timed runs against the same target as one: total requests over total time. */
export function mergeLoads(runs: LoadRun[]): LoadSummary {
  const latencies = runs.flatMap((r) => r.latenciesMs);
  const seconds = runs.reduce((sum, r) => sum + r.summary.seconds, 0);
  const errors = runs.reduce((sum, r) => sum + r.summary.errors, 0);
  return summarizeLoad(latencies, errors, seconds, runs[0].summary.concurrency, runs.flatMap((r) => r.summary.errorSamples).slice(0, 5));
}

export function describeLoad(label: string, s: LoadSummary): string {
  return `${label}: ${s.requestsPerSecond} req/s (${s.requests} in ${s.seconds} s, ${s.concurrency} connections), p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, errors ${s.errors}`;
}
