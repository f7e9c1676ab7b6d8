import { RSVP_ANSWERS, type RsvpAnswer } from "@/db/schema";
import { googleCalendarUrl } from "@/lib/calendar/ics";
import { formatInZone, formatRange } from "@/lib/events/time";
import type { GuestPage } from "@/lib/guest-page";
import { hostDisplayName } from "@/lib/hosts";
import { html } from "@/lib/html";
import { STORAGE_MESSAGE } from "@/lib/storage-errors";
import { guestListSection, type GuestList } from "./guest-list";
import { answersClosed, NOTE_LIMIT, type Invitation } from "./rsvp";

export const answerLabels: Record<RsvpAnswer, string> = { yes: "Yes, I'll be there", no: "No, I can't make it", maybe: "Maybe" };

/** Why an answer was not saved, named in the address the form redirects to. */
export const problems = {
  answer: "Choose Yes, No or Maybe.",
  note: `The note must be at most ${NOTE_LIMIT} characters.`,
  storage: STORAGE_MESSAGE,
  busy: "This invitation was answered many times in the last hour. Your last answer is kept; try again later.",
  closed: "Your answer arrived after the deadline and was not saved.",
  plusOnes: "You can't bring that many people to this event.",
  noRoom: "There isn't room for that many more people: your place and your earlier answer are kept.",
};
export type Problem = keyof typeof problems;

export type InvitationQuery = { answer?: string | null; saved?: string | null; problem?: string | null };

/** The event's time in the viewer's own zone, shown only when that zone differs from the event's. */
const localTimeScript = `(function(){var z=Intl.DateTimeFormat().resolvedOptions().timeZone;document.querySelectorAll("[data-local-time]").forEach(function(el){if(z===el.dataset.zone)return;var f=new Intl.DateTimeFormat(undefined,{weekday:"short",day:"numeric",month:"short",hour:"2-digit",minute:"2-digit",timeZoneName:"short"});el.textContent="Your time: "+f.format(new Date(el.dataset.start))+" \\u2013 "+f.format(new Date(el.dataset.end));el.hidden=false})})()`;

function eventFacts(event: Invitation["event"]) {
  return html`<p class="strong">${formatRange(event.startsAt, event.endsAt, event.timeZone)}</p>
<p class="small" data-testid="local-time" data-local-time data-zone="${event.timeZone}" data-start="${event.startsAt.toISOString()}" data-end="${event.endsAt.toISOString()}" hidden></p>
<p class="tiny">Time zone: ${event.timeZone.replaceAll("_", " ")}</p>
${event.locationAddress ? html`<p>${event.locationAddress}</p>` : null}
${event.locationUrl ? html`<p><a class="link" href="${event.locationUrl}" rel="noopener noreferrer nofollow" target="_blank">${event.locationUrl}</a></p>` : null}
${event.rsvpDeadline ? html`<p class="small">Answer by ${formatInZone(event.rsvpDeadline, event.timeZone)}</p>` : null}
${event.description ? html`<p class="text">${event.description}</p>` : null}`;
}

/** How many people the guest brings, when the event allows any. */
function plusOnesChoice({ event, guest }: Invitation) {
  if (event.plusOnesLimit === 0) return null;
  const options = Array.from({ length: event.plusOnesLimit + 1 }, (_, n) => n);
  return html`<div>
<label for="plusOnes" class="field">Bringing anyone? <span>(if you come)</span></label>
<select id="plusOnes" name="plusOnes">
${options.map((n) => html`<option value="${n}"${guest.plusOnes === n ? html` selected` : null}>${n === 0 ? "Just me" : `Me and ${n} ${n === 1 ? "other" : "others"}`}</option>`)}
</select>
</div>`;
}

/** Where the guest stands when the event has a capacity: on the waitlist, or facing a full event. */
function capacityNote({ event, guest, peopleComing, peopleWaiting }: Invitation) {
  if (guest.answer === "yes" && guest.waitlistedAt) {
    return html`<p class="alert" data-testid="waitlisted">You are on the waitlist: there is no place for you yet. If one opens up, you get it automatically and we email you.</p>`;
  }
  if (event.capacity === null || guest.answer === "yes") return null;
  if (peopleComing >= event.capacity || peopleWaiting > 0) {
    return html`<p class="small" data-testid="full">The event is full${peopleWaiting > 0 ? ` and ${peopleWaiting} ${peopleWaiting === 1 ? "guest is" : "guests are"} waiting` : ""}: answering yes puts you on the waitlist.</p>`;
  }
  const left = event.capacity - peopleComing;
  return event.plusOnesLimit > 0 && left <= event.plusOnesLimit ? html`<p class="small" data-testid="places-left">${left} ${left === 1 ? "place is" : "places are"} left: a larger party goes on the waitlist.</p>` : null;
}

function answerForm(invitation: Invitation, query: InvitationQuery) {
  const { guest } = invitation;
  // A link from the email preselects its choice; only submitting the form saves it.
  const preselected = RSVP_ANSWERS.find((a) => a === query.answer) ?? guest.answer;
  const problem = query.problem && query.problem in problems ? problems[query.problem as Problem] : null;
  return html`<form method="post">
${problem ? html`<p role="alert" class="alert">${problem}</p>` : null}
<fieldset>
<legend class="sr-only">Your answer</legend>
${RSVP_ANSWERS.map(
  (a) => html`<label class="choice"><input type="radio" name="answer" value="${a}"${preselected === a ? html` checked` : null} required> <span>${answerLabels[a]}</span></label>`,
)}
</fieldset>
${plusOnesChoice(invitation)}
<div>
<label for="note" class="field">Note to the host <span>(optional)</span></label>
<textarea id="note" name="note" rows="3" maxlength="${NOTE_LIMIT}">${guest.note}</textarea>
</div>
<button type="submit">${guest.answer ? "Update my answer" : "Send my answer"}</button>
</form>`;
}

/** The guest's invitation: the event, calendar links, and the answer form while answers are open. */
export function invitationPage(invitation: Invitation & { guestList?: GuestList | null }, query: InvitationQuery, appUrl: string, now = new Date()): GuestPage {
  const { guest, event, host } = invitation;
  const hostName = hostDisplayName(host);
  const closed = answersClosed(event, now);
  const selfUrl = `/i/${guest.token}`;
  const reconfirm = !closed && guest.answer === "yes" && guest.reconfirmRequestedAt !== null;
  const heading = event.cancelledAt ? "This event is cancelled" : closed ? "Answers are closed" : reconfirm ? "Can you still come?" : guest.answer ? "Your answer" : "Will you come?";
  const body = html`<div>
<p class="lead">${hostName} invites ${guest.name || guest.email} to</p>
<h1>${event.title}</h1>
</div>
<section class="card">
${eventFacts(event)}
<p class="links">
<a class="link" href="${selfUrl}/event.ics">Download calendar file (.ics)</a>
<a class="link" href="${googleCalendarUrl(event, `${appUrl}${selfUrl}`)}" rel="noopener noreferrer" target="_blank">Add to Google Calendar</a>
</p>
</section>
${
  query.saved
    ? html`<p role="status" class="status">Thank you — your answer is saved${guest.answer ? `: ${answerLabels[guest.answer]}` : ""}. You can change it below at any time before answers close.</p>`
    : null
}
<section class="card" aria-labelledby="rsvp-heading">
<h2 id="rsvp-heading">${heading}</h2>
${event.cancelledAt || closed ? null : capacityNote(invitation)}
${reconfirm ? html`<p class="alert">The event moved to another day after you said yes. Please confirm your answer for the new date.</p>` : null}
${
  event.cancelledAt
    ? html`<p>${hostName} has cancelled this event.</p>${event.cancelMessage ? html`<p class="quote">“${event.cancelMessage}”</p>` : null}`
    : closed
      ? html`<p>${query.problem === "closed" ? `${problems.closed} ` : ""}The deadline to answer has passed.${guest.answer ? ` Your answer was: ${answerLabels[guest.answer]}.` : ""} Contact ${hostName} if your plans changed.</p>`
      : answerForm(invitation, query)
}
</section>
${guestListSection(invitation.guestList)}`;
  return { title: "Your invitation", body, script: localTimeScript };
}
