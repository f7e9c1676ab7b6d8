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
  SMART_HOST: hostPort.optional(),
  /** Opt-in for /dev/* pages when NODE_ENV is production. */
  DEV_TOOLS: flag.optional(),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(5_000),
});

export type Env = z.infer<typeof envSchema>;

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
