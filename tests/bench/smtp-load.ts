import net from "node:net";
import { performance } from "node:perf_hooks";
import { percentile, round } from "./harness";

/**
 * A plain SMTP load generator: N clients, each on one connection, each sending one message at a
 * time (MAIL, RCPT, DATA, no pipelining, as nodemailer does). It is deliberately small and
 * server-agnostic so that the relay and Postfix are driven by exactly the same client.
 */

type Reply = { code: number; text: string };

const REPLY_TIMEOUT_MS = 30_000;

class SmtpClient {
  private socket: net.Socket;
  private buffered = "";
  private lines: string[] = [];
  private pending: { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private queued: Reply[] = [];
  private failure: Error | null = null;

  constructor(port: number) {
    this.socket = net.connect(port, "127.0.0.1");
    this.socket.setNoDelay(true);
    this.socket.setEncoding("latin1");
    this.socket.on("data", (chunk: string) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", () => this.fail(new Error("connection closed")));
  }

  private fail(error: Error) {
    this.failure ??= error;
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.reject(error);
      this.pending = null;
    }
  }

  private onData(chunk: string) {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf("\r\n")) !== -1) {
      const line = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 2);
      this.lines.push(line);
      // "250-..." continues a multi-line reply, "250 ..." ends it.
      if (line.length < 4 || line[3] !== "-") {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join("\n") };
        this.lines = [];
        if (this.pending) {
          clearTimeout(this.pending.timer);
          this.pending.resolve(reply);
          this.pending = null;
        } else {
          this.queued.push(reply);
        }
      }
    }
  }

  reply(): Promise<Reply> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      this.pending = { resolve, reject, timer };
    });
  }

  async command(line: string | Buffer, expect: number): Promise<Reply> {
    this.socket.write(line);
    const reply = await this.reply();
    if (reply.code !== expect) throw Object.assign(new Error(`expected ${expect}, got: ${reply.text}`), { reply });
    return reply;
  }

  async open(): Promise<void> {
    const greeting = await this.reply();
    if (greeting.code !== 220) throw new Error(`greeting: ${greeting.text}`);
    await this.command("EHLO bench.localdomain\r\n", 250);
  }

  /** One transaction; resolves with the final reply to the message. */
  async send(from: string, to: string, message: Buffer): Promise<Reply> {
    await this.command(`MAIL FROM:<${from}>\r\n`, 250);
    await this.command(`RCPT TO:<${to}>\r\n`, 250);
    await this.command("DATA\r\n", 354);
    return this.command(Buffer.concat([message, Buffer.from("\r\n.\r\n")]), 250);
  }

  async quit(): Promise<void> {
    try {
      this.socket.write("QUIT\r\n");
      await Promise.race([this.reply(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    } catch {
      // Already gone: nothing to say goodbye to.
    } finally {
      this.socket.destroy();
    }
  }
}

// About 60 lines of 76 characters: the body of a short plain-text notification. No line starts
// with a dot, so nothing needs stuffing.
const BODY = Array.from({ length: 60 }, (_, i) => `Line ${String(i).padStart(2, "0")} of a small benchmark message. `.padEnd(76, "abcdefghij")).join("\r\n");

/** A ~4.5 KB message whose Message-ID is unique to this run, client and sequence number. */
export function benchMessage(run: string, client: number, seq: number): { from: string; to: string; raw: Buffer } {
  const from = "bench-sender@example.test";
  const to = `guest${client}.${seq}@example.test`;
  const head = [
    `From: Bench <${from}>`,
    `To: <${to}>`,
    `Subject: Benchmark message ${client}.${seq}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <bench.${run}.${client}.${seq}@example.test>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 7bit",
  ].join("\r\n");
  return { from, to, raw: Buffer.from(`${head}\r\n\r\n${BODY}`, "latin1") };
}

export type LoadOptions = {
  port: number;
  clients: number;
  /** Sent on the same connections before the clock starts: connection set-up and JIT warm-up. */
  warmupPerClient: number;
  messagesPerClient: number;
  /** No client starts a new message after this long; the run may end early. */
  maxMs: number;
};

export type LoadResult = {
  clients: number;
  accepted: number;
  refused: number;
  brokenClients: number;
  errors: string[];
  seconds: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  messageBytes: number;
};

/** Drives `clients` connections for a fixed count or time; latency is MAIL FROM to the 250 after the data. */
export async function runSmtpLoad(options: LoadOptions): Promise<LoadResult> {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const clients = Array.from({ length: options.clients }, () => new SmtpClient(options.port));
  await Promise.all(clients.map((c) => c.open()));
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; i < options.warmupPerClient; i++) {
        const m = benchMessage(`${run}w`, c, i);
        await client.send(m.from, m.to, m.raw);
      }
    }),
  );

  const latencies: number[] = [];
  const errors: string[] = [];
  let refused = 0;
  let broken = 0;
  const start = performance.now();
  const deadline = start + options.maxMs;
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; i < options.messagesPerClient && performance.now() < deadline; i++) {
        const m = benchMessage(run, c, i);
        const sent = performance.now();
        try {
          await client.send(m.from, m.to, m.raw);
          latencies.push(performance.now() - sent);
        } catch (error) {
          refused++;
          if (errors.length < 5) errors.push((error as Error).message);
          if (!(error as { reply?: Reply }).reply) {
            broken++;
            return;
          }
          await client.command("RSET\r\n", 250).catch(() => {});
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(clients.map((c) => c.quit()));
  return {
    clients: options.clients,
    accepted: latencies.length,
    refused,
    brokenClients: broken,
    errors,
    seconds: round(seconds, 3),
    messagesPerSecond: round(latencies.length / seconds, 1),
    latencyMs: latencies.length
      ? { p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)) }
      : { p50: 0, p90: 0, p99: 0, max: 0 },
    messageBytes: benchMessage(run, 0, 0).raw.length,
  };
}
