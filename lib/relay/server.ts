import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import type { RelayStore } from "./store";

export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export type RelayOptions = {
  store: RelayStore;
  host?: string;
  port?: number;
  /** True when a smart host is configured: accepted mail is queued for it, else kept. */
  forward?: boolean;
  /** How long a message may wait for the smart host before it bounces. */
  lifetimeMs?: number;
  closeTimeoutMs?: number;
  /** Called after a message is safely stored. */
  onAccepted?: () => void;
  /** Test hook: wait this long before answering each message, like a slow provider. */
  stallMs?: number;
  log?: (line: string) => void;
};

export type Relay = { server: SMTPServer; port: number; close(): Promise<void> };

/** The local relay's SMTP face: loopback only, no AUTH, every accepted message stored first. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const log = options.log ?? (() => {});
  const server = new SMTPServer({
    name: "fastinviter-relay",
    banner: "FastInviter relay",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // On shutdown a message being received gets this long to finish; idle connections get 421.
    closeTimeout: options.closeTimeoutMs ?? 3_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error("Message exceeds the 25 MB limit"), { responseCode: 552 }));
          return;
        }
        const finish = () => {
          try {
            const raw = Buffer.concat(chunks);
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
            const to = session.envelope.rcptTo.map((r) => r.address);
            const { id, duplicate } = options.store.acceptMessage(from, to, raw, { forward: options.forward, lifetimeMs: options.lifetimeMs });
            if (duplicate) {
              // The sender retried a hand-over we already hold: say yes, keep one copy.
              log(`relay: message ${id} offered again (same Message-ID), kept once`);
              callback(null, `Already queued as ${id}`);
              return;
            }
            log(`relay: accepted message ${id} for ${to.length} recipient(s), ${raw.length} bytes`);
            callback(null, `Queued as ${id}`);
            options.onAccepted?.();
          } catch (error) {
            log(`relay: could not store a message: ${(error as Error).message}`);
            callback(Object.assign(new Error("Local storage error, try again later"), { responseCode: 451 }));
          }
        };
        if (options.stallMs) setTimeout(finish, options.stallMs);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 2525, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => log(`relay: ${error.message}`));
  const port = (server.server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
