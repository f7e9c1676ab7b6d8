import { createEvent, type EventAttributes } from "ics";
import type { Event } from "@/db/schema";

/** One UID per event, so importing the file twice updates the entry instead of duplicating it. */
export function calendarUid(eventId: string): string {
  return `${eventId}@fastinviter`;
}

export type CalendarOptions = {
  url?: string;
  organizer?: { name?: string; email?: string };
  method?: "PUBLISH" | "REQUEST" | "CANCEL";
  sequence?: number;
};

type CalendarEvent = Pick<Event, "id" | "title" | "description" | "startsAt" | "endsAt" | "locationAddress" | "locationUrl" | "updatedAt" | "sequence">;

/**
 * The event as an iCalendar file. Times are written in UTC (the trailing Z), which every
 * calendar converts to its own zone correctly, with no VTIMEZONE to get wrong.
 */
export function eventIcs(event: CalendarEvent, options: CalendarOptions = {}): string {
  const location = [event.locationAddress, event.locationUrl].filter(Boolean).join(" · ");
  const attributes: EventAttributes = {
    uid: calendarUid(event.id),
    productId: "FastInviter",
    method: options.method ?? "PUBLISH",
    sequence: options.sequence ?? event.sequence,
    title: event.title,
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: options.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    ...(event.description ? { description: event.description } : {}),
    ...(location ? { location } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(options.organizer?.email ? { organizer: { name: options.organizer.name ?? undefined, email: options.organizer.email } } : {}),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`Could not build the calendar file: ${error?.message ?? "unknown error"}`);
  return value;
}

const compactUtc = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** A link that opens Google Calendar's "add event" form filled in. */
export function googleCalendarUrl(event: CalendarEvent & { timeZone: string }, detailsUrl?: string): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${compactUtc(event.startsAt)}/${compactUtc(event.endsAt)}`,
    ctz: event.timeZone,
    details: [event.description, detailsUrl].filter(Boolean).join("\n\n"),
    location: [event.locationAddress, event.locationUrl].filter(Boolean).join(" · "),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

export function icsFileName(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
  return `${slug || "event"}.ics`;
}
