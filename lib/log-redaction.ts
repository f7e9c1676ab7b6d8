import { format } from "node:util";

const HIDDEN = "[redacted]";

/**
 * Credentials that can ride inside a URL or an error message: a guest's personal link, the
 * token of a sign-in link, a bearer secret, an Auth.js cookie, a password in a URL, a private key.
 */
const CREDENTIALS: [RegExp, string][] = [
  [/(\/[iu]\/)[A-Za-z0-9_-]{16,}/g, `$1${HIDDEN}`],
  [/([?&](?:token|csrfToken)=)[^&#\s"'<>]+/gi, `$1${HIDDEN}`],
  [/(\bBearer\s+)[^\s"',;]+/gi, `$1${HIDDEN}`],
  [/(authjs\.(?:session|csrf)-token=)[^;\s"',]+/g, `$1${HIDDEN}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${HIDDEN}@`],
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g, `${HIDDEN} private key`],
];

/** The text with every credential it carries replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  return CREDENTIALS.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}

const LEVELS = ["log", "info", "warn", "error", "debug"] as const;
const globalForConsole = globalThis as unknown as { fastinviterConsoleRedacted?: boolean };

/**
 * Makes this process's console redact credentials. Our own lines carry none, but Next prints
 * some request URLs itself (a post over its proxy's body limit names its path, a guest's link).
 */
export function redactConsole(): void {
  if (globalForConsole.fastinviterConsoleRedacted) return;
  globalForConsole.fastinviterConsoleRedacted = true;
  for (const level of LEVELS) {
    const print = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const text = format(...args);
      const redacted = redactSecrets(text);
      // A clean line goes out as it came, so errors keep their colours and stack formatting.
      if (redacted === text) print(...args);
      else print(redacted);
    };
  }
}
