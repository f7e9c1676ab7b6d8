/** Wall-clock times in an IANA zone, without a date library: Intl knows every zone's rules. */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** Milliseconds to add to UTC to get the zone's wall clock at that instant. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - (instant - (instant % 1000 + 1000) % 1000);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * "2026-03-29T02:30" in Europe/Paris → the UTC instant. A time skipped by a DST jump moves
 * forward by the jump, as calendars do; a repeated time takes its first occurrence.
 */
export function wallTimeToInstant(wall: string, timeZone: string): Date | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(guess).getUTCMonth() !== mo - 1 || new Date(guess).getUTCDate() !== d) return null;
  // The instant lies within a day of `guess` whatever the zone, so the offsets a day either
  // side are the ones in force before and after any transition near it.
  const before = guess - zoneOffsetMs(guess - 86_400_000, timeZone);
  const after = guess - zoneOffsetMs(guess + 86_400_000, timeZone);
  const matches = [before, after].filter((t) => instantToWallTime(new Date(t), timeZone) === wall);
  // A repeated time has two matches: take the earlier. A skipped time has none: reading it
  // with the offset from before the jump lands that far past the jump.
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

/** The instant as "YYYY-MM-DDTHH:mm" in the zone, the value of a datetime-local input. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function zoneNameIn(locale: string, instant: Date, timeZone: string): string {
  const part = formatter(locale, { timeZone, timeZoneName: "short" }).formatToParts(instant).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "CET", "EDT", "AEDT" where a common abbreviation exists, else "GMT+5:30". */
export function zoneLabel(instant: Date, timeZone: string): string {
  const british = zoneNameIn("en-GB", instant, timeZone);
  if (!british.startsWith("GMT") && !british.startsWith("UTC")) return british;
  const american = zoneNameIn("en-US", instant, timeZone);
  return american.startsWith("GMT") && british === "UTC" ? "UTC" : american;
}

const dayFormat = (timeZone: string, locale: string) => formatter(locale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" });
const clockFormat = (timeZone: string, locale: string) => formatter(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "Sat, 12 Dec 2026, 18:00 CET" */
export function formatInZone(instant: Date, timeZone: string, locale = "en-GB"): string {
  return `${dayFormat(timeZone, locale).format(instant)}, ${clockFormat(timeZone, locale).format(instant)} ${zoneLabel(instant, timeZone)}`;
}

/** "Sat, 12 Dec 2026, 18:00 – 22:00 CET", or both full dates when it spans days. */
export function formatRange(start: Date, end: Date, timeZone: string, locale = "en-GB"): string {
  const sameDay = instantToWallTime(start, timeZone).slice(0, 10) === instantToWallTime(end, timeZone).slice(0, 10);
  if (!sameDay) return `${formatInZone(start, timeZone, locale)} – ${formatInZone(end, timeZone, locale)}`;
  const clock = clockFormat(timeZone, locale);
  return `${dayFormat(timeZone, locale).format(start)}, ${clock.format(start)} – ${clock.format(end)} ${zoneLabel(end, timeZone)}`;
}

// Current names that older ICU data lists under their former spelling, which is what some
// browsers report; plus UTC itself, which ICU leaves out of its list.
const CURRENT_NAMES = ["UTC", "Asia/Kolkata", "Europe/Kyiv", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "America/Nuuk", "Pacific/Kanton", "Atlantic/Faroe"];

/** Every zone a host can pick: ICU's list, UTC and today's names of renamed zones. */
export function allTimeZones(): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  for (const zone of CURRENT_NAMES) if (isValidTimeZone(zone)) zones.add(zone);
  return [...zones].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}

/** "2026-12-21T19:00:00+01:00": the instant as the event's zone reads it, offset included. */
export function isoInZone(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  const offset = zoneOffsetMs(t, timeZone);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${new Date(t + offset).toISOString().slice(0, 19)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
