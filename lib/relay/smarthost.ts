import nodemailer, { type Transporter } from "nodemailer";
import { existsSync, readFileSync } from "node:fs";
import type { Env } from "@/lib/env";
import { noDelaySocket } from "@/lib/mail/no-delay";

/**
 * The key as PEM text, or read from the file the value names. The value may be the key itself
 * (pasted without its BEGIN line, say), so a failure never repeats it: the error reaches the log.
 */
function pemOrFile(value: string): string {
  if (value.includes("-----BEGIN")) return value.replace(/\\n/g, "\n");
  try {
    return readFileSync(value, "utf8");
  } catch {
    throw new Error("DKIM_PRIVATE_KEY is neither PEM text nor the path of a readable file");
  }
}

/**
 * The pooled connection to the operator's provider. STARTTLS is required by default and
 * credentials only ever travel inside TLS: nodemailer refuses to go on when the provider
 * does not offer it.
 */
export function createSmartHostTransport(settings: Env): Transporter {
  if (!settings.SMART_HOST) throw new Error("SMART_HOST is not set");
  const separator = settings.SMART_HOST.lastIndexOf(":");
  const host = settings.SMART_HOST.slice(0, separator);
  const port = Number(settings.SMART_HOST.slice(separator + 1));
  const ca = settings.SMART_TLS_CA ? (existsSync(settings.SMART_TLS_CA) ? readFileSync(settings.SMART_TLS_CA, "utf8") : settings.SMART_TLS_CA) : undefined;
  const dkim =
    settings.DKIM_DOMAIN && settings.DKIM_SELECTOR && settings.DKIM_PRIVATE_KEY
      ? { domainName: settings.DKIM_DOMAIN, keySelector: settings.DKIM_SELECTOR, privateKey: pemOrFile(settings.DKIM_PRIVATE_KEY) }
      : undefined;
  return nodemailer.createTransport({
    host,
    port,
    secure: settings.SMART_TLS === "tls",
    requireTLS: settings.SMART_TLS === "starttls",
    ignoreTLS: settings.SMART_TLS === "none",
    ...(settings.SMART_USER ? { auth: { user: settings.SMART_USER, pass: settings.SMART_PASS ?? "" } } : {}),
    tls: { ...(ca ? { ca } : {}), minVersion: "TLSv1.2" },
    ...(settings.SMART_TLS === "tls" ? {} : { getSocket: noDelaySocket }),
    pool: true,
    maxConnections: settings.SMART_MAX_CONNECTIONS,
    maxMessages: 100,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    ...(dkim ? { dkim } : {}),
  });
}
