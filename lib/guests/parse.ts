import { z } from "zod";

export const GUEST_LIMITS = {
  perEvent: 5_000,
  pasteChars: 200_000,
  name: 100,
  email: 254,
} as const;

export type ParsedGuest = { name: string; email: string; line: number };
export type RejectedEntry = { line: number; text: string; reason: string };
export type ParsedGuestList = { guests: ParsedGuest[]; rejected: RejectedEntry[] };

const emailSchema = z.email();
const FORBIDDEN_IN_NAME = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069<>]/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks one address; returns the reason it is refused, or null. */
export function emailProblem(email: string): string | null {
  if (email.length > GUEST_LIMITS.email) return `address is longer than ${GUEST_LIMITS.email} characters`;
  if (/[\s\r\n]/.test(email) || !emailSchema.safeParse(email).success) return `“${email}” is not a valid email address`;
  if (email.lastIndexOf("@") > 64) return "the part before the @ is longer than 64 characters";
  return null;
}

/** One address typed into a form field, judged by the same rules as a guest's. */
export const addressField = z
  .string()
  .trim()
  .min(1, "Enter an email address")
  .superRefine((email, ctx) => {
    const problem = emailProblem(email);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export function nameProblem(name: string): string | null {
  if (name.length > GUEST_LIMITS.name) return `name is longer than ${GUEST_LIMITS.name} characters`;
  if (FORBIDDEN_IN_NAME.test(name)) return "name contains characters that are not allowed";
  return null;
}

/** Splits a line at commas and semicolons that are not inside quotes or angle brackets. */
function splitEntries(line: string): string[] {
  const entries: string[] = [];
  let current = "";
  let quoted = false;
  let bracketed = false;
  for (const ch of line) {
    if (ch === '"' && !bracketed) quoted = !quoted;
    else if (ch === "<" && !quoted) bracketed = true;
    else if (ch === ">" && !quoted) bracketed = false;
    if ((ch === "," || ch === ";") && !quoted && !bracketed) {
      entries.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  entries.push(current);
  return entries.map((e) => e.trim()).filter((e) => e.length > 0);
}

/** `"Quote \"Man\""` → `Quote "Man"`, as mail clients write display names. */
function unquote(name: string): string {
  const trimmed = name.trim();
  const quoted = /^"(.*)"$/.exec(trimmed);
  return (quoted ? quoted[1].replace(/\\(.)/g, "$1") : trimmed).trim();
}

function parseEntry(entry: string): { name: string; email: string } | { reason: string } {
  const angled = /^(.*?)\s*<([^<>]*)>$/.exec(entry);
  if (angled) return { name: unquote(angled[1]), email: angled[2].trim() };
  const trailing = /^(.*?)\s*(\S+@\S+)$/.exec(entry);
  if (trailing) return { name: unquote(trailing[1]), email: trailing[2] };
  return { reason: "no email address found" };
}

/** One guest typed into the name and email fields. */
export function singleGuest(name: string, email: string): ParsedGuestList {
  const trimmed = { name: name.trim(), email: email.trim() };
  if (!trimmed.email) return { guests: [], rejected: [{ line: 1, text: "", reason: "enter an email address" }] };
  const problem = emailProblem(trimmed.email) ?? nameProblem(trimmed.name);
  if (problem) return { guests: [], rejected: [{ line: 1, text: trimmed.email, reason: problem }] };
  return { guests: [{ ...trimmed, line: 1 }], rejected: [] };
}

/**
 * Reads a pasted guest list: one guest per line or several separated by commas or
 * semicolons, each `Name <email>`, `"Last, First" <email>`, `Name email` or a bare address.
 */
export function parseGuestList(text: string): ParsedGuestList {
  if (text.length > GUEST_LIMITS.pasteChars) {
    const limit = GUEST_LIMITS.pasteChars.toLocaleString("en");
    return { guests: [], rejected: [{ line: 0, text: "", reason: `the list is longer than ${limit} characters: split it into several pastes` }] };
  }
  const guests: ParsedGuest[] = [];
  const rejected: RejectedEntry[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    for (const entry of splitEntries(raw)) {
      const parsed = parseEntry(entry);
      if ("reason" in parsed) {
        rejected.push({ line, text: entry, reason: parsed.reason });
        continue;
      }
      const problem = emailProblem(parsed.email) ?? nameProblem(parsed.name);
      if (problem) {
        rejected.push({ line, text: entry, reason: problem });
        continue;
      }
      const key = normalizeEmail(parsed.email);
      if (seen.has(key)) {
        rejected.push({ line, text: entry, reason: "listed twice in this paste" });
        continue;
      }
      seen.add(key);
      guests.push({ name: parsed.name, email: parsed.email, line });
    }
  });
  return { guests, rejected };
}
