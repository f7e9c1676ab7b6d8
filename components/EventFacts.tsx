import type { Event } from "@/db/schema";
import { formatInZone, formatRange } from "@/lib/events/time";
import { LocalTime } from "./LocalTime";

/** When, where and what: the same block for the host's page and the guest's. */
export function EventFacts({ event }: { event: Event }) {
  return (
    <div className="space-y-1">
      <p className="font-medium">{formatRange(event.startsAt, event.endsAt, event.timeZone)}</p>
      <LocalTime startsAt={event.startsAt.toISOString()} endsAt={event.endsAt.toISOString()} eventZone={event.timeZone} />
      <p className="text-xs text-gray-500">Time zone: {event.timeZone.replaceAll("_", " ")}</p>
      {event.locationAddress ? <p>{event.locationAddress}</p> : null}
      {event.locationUrl ? (
        <p>
          <a href={event.locationUrl} className="btn-link break-all" rel="noopener noreferrer nofollow" target="_blank">
            {event.locationUrl}
          </a>
        </p>
      ) : null}
      {event.rsvpDeadline ? <p className="text-sm text-gray-600">Answer by {formatInZone(event.rsvpDeadline, event.timeZone)}</p> : null}
      {event.description ? <p className="pt-3 break-words whitespace-pre-line text-gray-800">{event.description}</p> : null}
    </div>
  );
}
