import type { ParsedGuest } from "./parse";

/** Providers whose misspellings we point out, most used first: on a tie the first wins. */
const PROVIDERS = [
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "icloud.com",
  "aol.com",
  "live.com",
  "googlemail.com",
  "me.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "web.de",
  "yahoo.fr",
  "orange.fr",
  "free.fr",
  "wanadoo.fr",
  "hotmail.fr",
  "yahoo.co.uk",
  "hotmail.co.uk",
  "btinternet.com",
  "comcast.net",
  "msn.com",
  "ymail.com",
  "laposte.net",
  "sfr.fr",
  "t-online.de",
];

/**
 * Real mail domains that sit within a typo or two of a provider above (mail.com and
 * gmail.com, yahoo.es and yahoo.de): never "corrected".
 */
const ALSO_REAL = [
  "mail.com",
  "email.com",
  "mac.com",
  "pm.me",
  "protonmail.ch",
  "proton.ch",
  "gmx.net",
  "gmx.at",
  "gmx.ch",
  "gmx.fr",
  "gmx.es",
  "gmx.us",
  "gmx.co.uk",
  "aol.de",
  "aol.fr",
  "aol.co.uk",
  "yahoo.de",
  "yahoo.es",
  "yahoo.it",
  "yahoo.ca",
  "yahoo.co.in",
  "yahoo.co.jp",
  "yahoo.com.au",
  "yahoo.com.br",
  "hotmail.de",
  "hotmail.es",
  "hotmail.it",
  "hotmail.be",
  "hotmail.nl",
  "live.fr",
  "live.de",
  "live.it",
  "live.nl",
  "live.be",
  "live.ca",
  "live.co.uk",
  "live.com.au",
  "outlook.fr",
  "outlook.de",
  "outlook.es",
  "outlook.it",
  "outlook.be",
  "outlook.jp",
  "outlook.com.au",
  "neuf.fr",
  "club-internet.fr",
  "mail.ru",
  "bt.com",
  "qq.com",
];

const REAL = new Set([...PROVIDERS, ...ALSO_REAL]);

const LONGEST = Math.max(...PROVIDERS.map((p) => p.length));

/** Splits "yahoo.co.uk" into its first label and the rest. */
function labelAndSuffix(domain: string): [string, string] {
  const dot = domain.indexOf(".");
  return dot < 0 ? [domain, ""] : [domain.slice(0, dot), domain.slice(dot + 1)];
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (adjacent swaps count
 * as one edit, "gmial" → "gmail"), by code point so that accented letters count once.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= t.length; j++) {
      if (i === 0) {
        rows[0][j] = j;
        continue;
      }
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[s.length][t.length];
}

/**
 * How far a typed domain may be from a provider and still be taken for a typo of it.
 * A slip in the ending of the right name (gmail.con, hotmail.cm) is one edit in the ending;
 * short names (me, aol, gmx, web) sit too close to real company domains to guess at, so
 * only their endings are corrected; four-letter names (live, free) allow one edit, the rest two.
 */
function allowedDistance(typed: string, provider: string): number {
  const [typedLabel] = labelAndSuffix(typed);
  const [label] = labelAndSuffix(provider);
  if (typedLabel === label) return 1;
  if (label.length <= 3) return 0;
  return label.length === 4 ? 1 : 2;
}

/** The provider domain the typed one most likely meant, or null when it looks intended. */
export function suggestDomain(domain: string): string | null {
  const typed = domain.trim().toLowerCase();
  if (!typed || REAL.has(typed) || typed.length > LONGEST + 2) return null;
  let best: { provider: string; distance: number } | null = null;
  for (const provider of PROVIDERS) {
    if (Math.abs(provider.length - typed.length) > 2) continue;
    const allowed = allowedDistance(typed, provider);
    if (allowed === 0) continue;
    const [typedLabel, typedSuffix] = labelAndSuffix(typed);
    const [label, suffix] = labelAndSuffix(provider);
    // With the right name, only the ending counts: hotmail.fe is hotmail.fr, not hotmail.com.
    const distance = typedLabel === label ? editDistance(typedSuffix, suffix) : editDistance(typed, provider);
    if (distance > 0 && distance <= allowed && (!best || distance < best.distance)) best = { provider, distance };
  }
  return best?.provider ?? null;
}

/** The address with its domain corrected, or null when nothing looks mistyped. */
export function suggestEmail(email: string): string | null {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return null;
  const domain = suggestDomain(trimmed.slice(at + 1));
  return domain ? `${trimmed.slice(0, at)}@${domain}` : null;
}

export type TypoHint = { line: number; email: string; suggestion: string };

/** A hint for each guest whose address looks like a misspelt provider. */
export function typoHints(guests: Pick<ParsedGuest, "line" | "email">[]): TypoHint[] {
  return guests.flatMap(({ line, email }) => {
    const suggestion = suggestEmail(email);
    return suggestion ? [{ line, email, suggestion }] : [];
  });
}
