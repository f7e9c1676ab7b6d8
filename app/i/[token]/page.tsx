import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { RSVP_ANSWERS, type RsvpAnswer } from "@/db/schema";
import { EventFacts } from "@/components/EventFacts";
import { googleCalendarUrl } from "@/lib/calendar/ics";
import { hostDisplayName } from "@/lib/hosts";
import { appUrl } from "@/lib/env";
import { answersClosed, findInvitation, NOTE_LIMIT } from "@/lib/rsvp/rsvp";
import { STORAGE_MESSAGE } from "@/lib/storage-errors";
import { answerInvitationAction } from "./actions";

// Personal links must not leak to other sites through the Referer header, nor land in search
// engines. "same-origin" rather than "no-referrer": under no-referrer Chromium posts the form
// with `Origin: null`, which Next's CSRF check rightly refuses, and answering without
// JavaScript would break.
export const metadata: Metadata = { title: "Your invitation", referrer: "same-origin", robots: { index: false, follow: false } };

const labels: Record<RsvpAnswer, string> = { yes: "Yes, I'll be there", no: "No, I can't make it", maybe: "Maybe" };
const problems: Record<string, string> = {
  answer: "Choose Yes, No or Maybe.",
  note: `The note must be at most ${NOTE_LIMIT} characters.`,
  storage: STORAGE_MESSAGE,
  busy: "This invitation was answered many times in the last hour. Your last answer is kept; try again later.",
};

export default async function InvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ answer?: string; saved?: string; problem?: string }>;
}) {
  const { token } = await params;
  const query = await searchParams;
  const invitation = findInvitation(getDb(), token);
  if (!invitation) notFound();
  const { guest, event, host } = invitation;
  const closed = answersClosed(event);
  // A link from the email preselects its choice; only submitting the form saves it.
  const preselected = RSVP_ANSWERS.find((a) => a === query.answer) ?? guest.answer;

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <p className="text-sm text-gray-600">
          {hostDisplayName(host)} invites {guest.name || guest.email} to
        </p>
        <h1 className="text-2xl font-semibold break-words">{event.title}</h1>
      </div>
      <section className="card">
        <EventFacts event={event} />
        <p className="mt-4 flex flex-wrap gap-3 text-sm">
          <a href={`/i/${token}/event.ics`} className="btn-link">
            Download calendar file (.ics)
          </a>
          <a href={googleCalendarUrl(event, `${appUrl()}/i/${token}`)} className="btn-link" rel="noopener noreferrer" target="_blank">
            Add to Google Calendar
          </a>
        </p>
      </section>

      {query.saved ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-800">
          Thank you — your answer is saved{guest.answer ? `: ${labels[guest.answer]}` : ""}. You can change it below at any time before answers close.
        </p>
      ) : null}

      <section className="card" aria-labelledby="rsvp-heading">
        <h2 id="rsvp-heading" className="mb-3 text-lg font-semibold">
          {event.cancelledAt ? "This event is cancelled" : closed ? "Answers are closed" : guest.answer ? "Your answer" : "Will you come?"}
        </h2>
        {event.cancelledAt ? (
          <div className="space-y-2 text-gray-700">
            <p>{hostDisplayName(host)} has cancelled this event.</p>
            {event.cancelMessage ? <p className="break-words whitespace-pre-line italic">“{event.cancelMessage}”</p> : null}
          </div>
        ) : closed ? (
          <p className="text-gray-700">
            {query.problem === "closed" ? "Your answer arrived after the deadline and was not saved. " : ""}The deadline to answer has passed.{guest.answer ? ` Your answer was: ${labels[guest.answer]}.` : ""} Contact {hostDisplayName(host)} if your plans
            changed.
          </p>
        ) : (
          <form action={answerInvitationAction.bind(null, token)} className="space-y-4">
            {query.problem && problems[query.problem] ? (
              <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
                {problems[query.problem]}
              </p>
            ) : null}
            <fieldset className="space-y-2">
              <legend className="sr-only">Your answer</legend>
              {RSVP_ANSWERS.map((a) => (
                <label key={a} className="flex cursor-pointer items-center gap-3 rounded-md border border-gray-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="answer" value={a} defaultChecked={preselected === a} required />
                  <span className="font-medium">{labels[a]}</span>
                </label>
              ))}
            </fieldset>
            <div>
              <label htmlFor="note" className="field-label">
                Note to the host <span className="font-normal text-gray-500">(optional)</span>
              </label>
              <textarea id="note" name="note" rows={3} maxLength={NOTE_LIMIT} defaultValue={guest.note} className="field-input" />
            </div>
            <button type="submit" className="btn-primary">
              {guest.answer ? "Update my answer" : "Send my answer"}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
