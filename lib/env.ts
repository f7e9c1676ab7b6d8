import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, "must look like host:port");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().trim().min(1).default("data/fastinviter.db"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (npm start generates one into .env.local)"),
  /** The public address of the app, used in links inside emails. */
  APP_URL: z.url({ message: "must be an absolute URL such as https://invites.example.org" }).optional(),
  AUTH_URL: z.url({ message: "must be an absolute URL" }).optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^[^\r\n]*$/, "must be one line")
    .default("FastInviter <invites@localhost>"),
  /** Where the app hands its mail: the local relay. */
  RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
    .default("smtp://127.0.0.1:2525"),
  /** Where the relay listens and keeps its spool and dev mailbox. */
  RELAY_LISTEN: hostPort.default("127.0.0.1:2525"),
  RELAY_DB: z.string().trim().min(1).default("data/relay.db"),
  /** Shared by the app and the relay: the relay signs its delivery reports with it. */
  RELAY_SECRET: z.string().min(32, "must be at least 32 characters (npm start generates one into .env.local)").optional(),
  /** Where the relay posts delivery reports: the app, on loopback. */
  RELAY_REPORT_URL: z.url({ message: "must be an absolute URL" }).optional(),
  /** How long the relay keeps retrying a message before bouncing it (Postfix: 5 days). */
  RELAY_MAX_LIFETIME_HOURS: z.coerce.number().positive().max(24 * 30).default(120),
  /** The first retry comes after about this long, then twice as long each time, up to an hour. */
  RELAY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /** The operator's mail provider. Unset: the relay keeps everything in the dev mailbox. */
  SMART_HOST: hostPort.optional(),
  SMART_USER: z.string().optional(),
  SMART_PASS: z.string().optional(),
  SMART_TLS: z.enum(["starttls", "tls", "none"], { message: "must be starttls, tls or none" }).default("starttls"),
  /** A PEM file of the CA that signed the provider's certificate, for private CAs. */
  SMART_TLS_CA: z.string().optional(),
  SMART_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  /** e.g. "30/min": messages held back, never failed, above this rate. */
  SMART_RATE: z
    .string()
    .regex(/^\d+\/(s|sec|second|m|min|minute|h|hour)$/, "must look like 30/min, 5/sec or 1000/hour")
    .optional(),
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  /** The PEM private key itself, or a path to a file holding it. */
  DKIM_PRIVATE_KEY: z.string().optional(),
  /** Opt-in for /dev/* pages when NODE_ENV is production. */
  DEV_TOOLS: flag.optional(),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(5_000),
  /** Sign-in links one address (IP) may ask for per 15 minutes: raise it when many hosts share one (an office, a test suite). */
  SIGNIN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
});

export type Env = z.infer<typeof envSchema>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/;

/** Settings that are each fine alone but not together. */
function crossCheck(e: Env): string | null {
  if (e.SMART_HOST) {
    const host = e.SMART_HOST.slice(0, e.SMART_HOST.lastIndexOf(":"));
    if (e.SMART_TLS === "none" && !LOOPBACK.test(host)) return "Invalid setting SMART_TLS: none is allowed only for a smart host on loopback";
    if (e.SMART_TLS === "none" && (e.SMART_USER || e.SMART_PASS)) return "Invalid setting SMART_USER: credentials are never sent without TLS (SMART_TLS=none)";
    if (!!e.SMART_USER !== !!e.SMART_PASS) return `Invalid setting ${e.SMART_USER ? "SMART_PASS" : "SMART_USER"}: SMART_USER and SMART_PASS go together`;
  }
  const dkim = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY];
  if (dkim.some(Boolean) && !dkim.every(Boolean)) return "Invalid setting DKIM_DOMAIN: DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together";
  return null;
}

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws one line naming the setting. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue.path.join(".") || "environment";
    const message = issue.code === "invalid_type" && cleaned[name] === undefined ? "is required" : issue.message;
    throw new ConfigError(`Invalid setting ${name}: ${message}`);
  }
  const problem = crossCheck(result.data);
  if (problem) throw new ConfigError(problem);
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The base of every link we put in an email. */
export function appUrl(e: Env = env()): string {
  return (e.APP_URL ?? e.AUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

export function devToolsEnabled(e: Env = env()): boolean {
  return e.NODE_ENV !== "production" || e.DEV_TOOLS === true;
}
