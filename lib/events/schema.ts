import { z } from "zod";
import { GUEST_LIST_VISIBILITY } from "@/db/schema";
import { GUEST_LIMITS } from "@/lib/guests/parse";
import { REMINDER_CHOICES, REMINDER_DEFAULTS } from "./reminder-choices";
import { instantToWallTime, isValidTimeZone, wallTimeToInstant } from "./time";

export const LIMITS = {
  title: 200,
  description: 5_000,
  address: 500,
  url: 2_000,
} as const;

// Control characters other than tab; a one-line field also refuses line breaks.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

export const oneLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((v) => !LINE_BREAK.test(v), `${label} must be a single line`)
    .refine((v) => !CONTROL_CHARS.test(v), `${label} contains characters that are not allowed`);

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal(""), z.undefined(), z.null()])
  .transform((v) => v === "on" || v === "true" || v === "1");

const wallTime = (label: string) =>
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `${label} needs a date and a time`);

export { REMINDER_CHOICES, REMINDER_DEFAULTS };
/** The most people one guest may bring. */
export const PLUS_ONES_MAX = 10;

/** "" is off; otherwise one of the offered hours. */
const reminderHours = z
  .string()
  .trim()
  .refine((v) => v === "" || (REMINDER_CHOICES as readonly number[]).includes(Number(v)), "Choose one of the offered reminder times")
  .transform((v) => (v === "" ? null : Number(v)));

export const eventFormSchema = z
  .object({
    title: oneLine("Title", LIMITS.title).pipe(z.string().min(1, "Give the event a title")),
    description: z
      .string()
      .max(LIMITS.description, `Description must be at most ${LIMITS.description} characters`)
      .refine((v) => !CONTROL_CHARS.test(v), "Description contains characters that are not allowed")
      .transform((v) => v.replace(/\r\n?/g, "\n").trim())
      .default(""),
    timeZone: z.string().trim().refine(isValidTimeZone, "Choose a valid time zone"),
    startsAt: wallTime("Start"),
    endsAt: wallTime("End"),
    locationAddress: oneLine("Address", LIMITS.address).default(""),
    locationUrl: z
      .string()
      .trim()
      .max(LIMITS.url, `Online link must be at most ${LIMITS.url} characters`)
      .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "Online link must start with http:// or https://")
      .refine((v) => v === "" || URL.canParse(v), "Online link is not a valid URL")
      .default(""),
    rsvpDeadline: z.string().trim().default(""),
    notifyHostOnAnswer: checkbox,
    confirmToGuest: checkbox,
    remindUnansweredHours: reminderHours.default(REMINDER_DEFAULTS.unanswered),
    remindAttendeesHours: reminderHours.default(REMINDER_DEFAULTS.attendees),
    capacity: z
      .string()
      .trim()
      .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= GUEST_LIMITS.perEvent * (PLUS_ONES_MAX + 1)), "Capacity must be a whole number of people, at least 1, or empty for no limit")
      .transform((v) => (v === "" ? null : Number(v)))
      .default(null),
    plusOnesLimit: z
      .string()
      .trim()
      .refine((v) => /^\d+$/.test(v) && Number(v) <= PLUS_ONES_MAX, `Plus-ones must be between 0 and ${PLUS_ONES_MAX}`)
      .transform(Number)
      .default(0),
    guestListVisibility: z.enum(GUEST_LIST_VISIBILITY, { message: "Choose what guests see of the guest list" }).default("none"),
  })
  .transform((form, ctx) => {
    const times = resolveEventTimes(form);
    if (!times.ok) {
      for (const issue of times.issues) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
      return z.NEVER;
    }
    return { ...form, ...times.value };
  });

type TimeField = "startsAt" | "endsAt" | "rsvpDeadline";
type EventTimes = { startsAt: Date; endsAt: Date; rsvpDeadline: Date | null };

/**
 * The form's wall-clock times in its zone as instants, or what is wrong with them: a date
 * that does not exist, a time the clocks skip, an end before the start, a late deadline.
 */
export function resolveEventTimes(form: { timeZone: string; startsAt: string; endsAt: string; rsvpDeadline: string }):
  | { ok: true; value: EventTimes }
  | { ok: false; issues: { field: TimeField; message: string }[] } {
  const issues: { field: TimeField; message: string }[] = [];
  // A time skipped when the clocks go forward does not exist: say so rather than move it.
  const instant = (field: TimeField, label: string): Date | null => {
    const at = wallTimeToInstant(form[field], form.timeZone);
    if (!at) issues.push({ field, message: `${label} is not a valid date` });
    else if (instantToWallTime(at, form.timeZone) !== form[field]) {
      issues.push({ field, message: `${form[field].slice(11)} does not exist on that day in ${form.timeZone} (the clocks go forward): choose another time` });
      return null;
    }
    return at;
  };
  const startsAt = instant("startsAt", "Start");
  const endsAt = instant("endsAt", "End");
  const rsvpDeadline = form.rsvpDeadline ? instant("rsvpDeadline", "RSVP deadline") : null;
  if (startsAt && endsAt && endsAt <= startsAt) issues.push({ field: "endsAt", message: "End must be after the start" });
  if (rsvpDeadline && endsAt && rsvpDeadline > endsAt) issues.push({ field: "rsvpDeadline", message: "RSVP deadline must be before the event ends" });
  if (issues.length > 0 || !startsAt || !endsAt) return { ok: false, issues };
  return { ok: true, value: { startsAt, endsAt, rsvpDeadline } };
}

/**
 * Validates the event form and reports every problem at once: when other fields fail, the
 * times are still checked against each other, so "end before start" is not held back until
 * the title is fixed.
 */
export function parseEventForm(values: Record<string, string>) {
  const parsed = eventFormSchema.safeParse(values);
  if (parsed.success) return { success: true as const, data: parsed.data };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  const wall = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  const timesReadable = isValidTimeZone(values.timeZone ?? "") && wall.test(values.startsAt ?? "") && wall.test(values.endsAt ?? "") && (!values.rsvpDeadline || wall.test(values.rsvpDeadline));
  if (timesReadable) {
    const times = resolveEventTimes({ timeZone: values.timeZone, startsAt: values.startsAt, endsAt: values.endsAt, rsvpDeadline: values.rsvpDeadline ?? "" });
    if (!times.ok) for (const { field, message } of times.issues) if (!errors[field]?.includes(message)) (errors[field] ??= []).push(message);
  }
  return { success: false as const, errors };
}

export type EventInput = z.output<typeof eventFormSchema>;
export type EventFormErrors = Partial<Record<keyof z.input<typeof eventFormSchema>, string[]>>;

/** FormData → plain object the schema reads (unchecked checkboxes are absent). */
export function eventFormValues(form: FormData): Record<string, string> {
  const keys = ["title", "description", "timeZone", "startsAt", "endsAt", "locationAddress", "locationUrl", "rsvpDeadline", "notifyHostOnAnswer", "confirmToGuest"];
  const values = Object.fromEntries(keys.map((k) => [k, typeof form.get(k) === "string" ? (form.get(k) as string) : ""]));
  // The reminder and guest settings, when the form has them; absent, the defaults apply.
  for (const k of ["remindUnansweredHours", "remindAttendeesHours", "capacity", "plusOnesLimit", "guestListVisibility"]) if (typeof form.get(k) === "string") values[k] = form.get(k) as string;
  return values;
}
