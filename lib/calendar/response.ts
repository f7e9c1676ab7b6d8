import type { Event } from "@/db/schema";
import { eventIcs, icsFileName } from "./ics";

/** The .ics download, named after the event. */
export function icsResponse(event: Event, url: string): Response {
  return new Response(eventIcs(event, { url }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(event.title)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
