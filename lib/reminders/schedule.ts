import { instantToWallTime, wallTimeToInstant } from "@/lib/events/time";

/** No reminder goes out from 21:00 to 08:00 in the event's time zone. */
export const QUIET_HOURS = { from: 21, until: 8 } as const;
/** Held back by quiet hours, a reminder never moves by more than this (the night): the due query's margin. */
export const LONGEST_QUIET_SHIFT_MS = 13 * 3_600_000;
/** When the morning would be too late, the reminder goes the evening before, at this hour. */
const EVENING_HOUR = 20;

const HOUR_MS = 3_600_000;

function shiftDay(day: string, by: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + by)).toISOString().slice(0, 10);
}

const isQuiet = (hour: number) => hour >= QUIET_HOURS.from || hour < QUIET_HOURS.until;

/** Whether `instant` falls between 21:00 and 08:00 in the zone. */
export const inQuietHours = (instant: Date, timeZone: string) => isQuiet(Number(instantToWallTime(instant, timeZone).slice(11, 13)));

/**
 * When a reminder `hours` before `target` (the RSVP deadline or the start) goes out. Outside
 * quiet hours, exactly then. Inside them it waits for 08:00, unless 08:00 is not before the
 * target any more (an early-morning deadline or start): then it goes at 20:00 the evening
 * before. Wall times are read in the event's zone, so daylight-saving changes are respected.
 */
export function reminderTime(target: Date, hours: number, timeZone: string): Date {
  const ideal = new Date(target.getTime() - hours * HOUR_MS);
  const wall = instantToWallTime(ideal, timeZone);
  const hour = Number(wall.slice(11, 13));
  if (!isQuiet(hour)) return ideal;
  const day = wall.slice(0, 10);
  const morning = wallTimeToInstant(`${hour >= QUIET_HOURS.from ? shiftDay(day, 1) : day}T0${QUIET_HOURS.until}:00`, timeZone);
  if (morning && morning < target) return morning;
  const evening = wallTimeToInstant(`${hour >= QUIET_HOURS.from ? day : shiftDay(day, -1)}T${EVENING_HOUR}:00`, timeZone);
  return evening ?? ideal;
}
