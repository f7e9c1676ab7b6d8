import type { Event } from "@/db/schema";
import { formatInZone } from "@/lib/events/time";
import type { GuestRow } from "@/lib/guests/guests";
import { reminderDue, type ReminderKind } from "@/lib/reminders/reminders";

const WHO: Record<ReminderKind, string> = { unanswered: "guests who have not answered", attendee: "guests who said yes or maybe" };

/** Who a reminder would go to if it went now, from the rows the page already has. */
function waiting(guests: GuestRow[], kind: ReminderKind): number {
  return guests.filter(
    (g) =>
      g.stage !== "not_invited" &&
      !g.unsubscribedAt &&
      (kind === "unanswered" ? !g.answer && !g.unansweredRemindedAt : (g.answer === "yes" || g.answer === "maybe") && !g.waitlistedAt && !g.attendeeRemindedAt),
  ).length;
}

function Line({ event, guests, kind, now }: { event: Event; guests: GuestRow[]; kind: ReminderKind; now: Date }) {
  const due = reminderDue(event, kind);
  const sent = guests.filter((g) => (kind === "unanswered" ? g.unansweredRemindedAt : g.attendeeRemindedAt)).length;
  const n = waiting(guests, kind);
  let text: string;
  if (!due) text = kind === "unanswered" && !event.rsvpDeadline ? "Off: the event has no RSVP deadline." : "Off.";
  else if (now >= due.before) text = kind === "unanswered" ? "The deadline has passed." : "The event has started.";
  else if (due.at <= now) text = `Going out now to ${n} ${WHO[kind]}.`;
  else text = `${formatInZone(due.at, event.timeZone)}, to the ${WHO[kind]} then (${n} now).`;
  return (
    <li data-testid={`reminder-${kind}`}>
      <span className="font-medium">{kind === "unanswered" ? "Answer reminder" : "Reminder before the start"}:</span> {text}
      {sent > 0 ? ` Sent to ${sent} ${sent === 1 ? "guest" : "guests"}.` : ""}{" "}
      {due ? (
        <a href={`/events/${event.id}/reminder/${kind}`} className="btn-link" target="_blank" rel="noopener">
          Preview
        </a>
      ) : null}
    </li>
  );
}

/** The event's two reminders: when each goes, to how many, and a preview of the email. */
export function Reminders({ event, guests }: { event: Event; guests: GuestRow[] }) {
  const now = new Date();
  return (
    <section className="card" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading" className="mb-2 text-lg font-semibold">
        Reminders
      </h2>
      <ul className="space-y-1 text-sm text-gray-700">
        <Line event={event} guests={guests} kind="unanswered" now={now} />
        <Line event={event} guests={guests} kind="attendee" now={now} />
      </ul>
      <p className="mt-2 text-xs text-gray-500">Change or switch them off under Edit. None goes out between 21:00 and 08:00 in the event&apos;s time zone.</p>
    </section>
  );
}
