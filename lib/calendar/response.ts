import type { Event } from "@/db/schema";
import { eventIcs, icsFileName } from "./ics";

/** The .ics download, named after the event. */
export function icsResponse(event: Event, url: string): Response {
  // A cancelled event's file removes it from calendars that imported it.
  return new Response(eventIcs(event, { url, method: event.cancelledAt ? "CANCEL" : "PUBLISH" }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(event.title)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
