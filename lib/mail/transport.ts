import nodemailer, { type Transporter } from "nodemailer";
import { noDelaySocket } from "./no-delay";

export type RelayTransport = Transporter;

/** One pooled connection set to the relay, shared by every drain in the process. */
export function createRelayTransport(relayUrl: string, maxConnections = 5): RelayTransport {
  const url = new URL(relayUrl);
  const secure = url.protocol === "smtps:";
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 25)),
    secure,
    pool: true,
    maxConnections,
    maxMessages: Infinity,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    ...(secure ? {} : { getSocket: noDelaySocket }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 120_000,
  });
}

const globalForTransport = globalThis as unknown as { fastinviterRelay?: { url: string; transport: RelayTransport } };

export function relayTransport(relayUrl: string): RelayTransport {
  const cached = globalForTransport.fastinviterRelay;
  if (cached && cached.url === relayUrl) return cached.transport;
  cached?.transport.close();
  const transport = createRelayTransport(relayUrl);
  globalForTransport.fastinviterRelay = { url: relayUrl, transport };
  return transport;
}
