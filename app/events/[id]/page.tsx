import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { EventFacts } from "@/components/EventFacts";
import { LiveUpdates } from "@/components/LiveUpdates";
import { MessageGuestsForm } from "@/components/MessageGuestsForm";
import { CohostNote, CohostsCard } from "@/components/Cohosts";
import { AddGuestForm, ImportGuestsForm, PasteGuestsForm } from "@/components/GuestForms";
import { GuestTable } from "@/components/GuestTable";
import { Reminders } from "@/components/Reminders";
import { SubmitButton } from "@/components/SubmitButton";
import { requireHost } from "@/lib/auth";
import { LIMITS } from "@/lib/rate-limit";
import { STORAGE_MESSAGE } from "@/lib/storage-errors";
import { eventPageData } from "@/lib/events/page-data";
import { DELIVERY_STAGES, STAGE_LABELS } from "@/lib/guests/delivery";
import { CSV_IMPORT } from "@/lib/guests/csv-import";
import { GUEST_LIMITS } from "@/lib/guests/parse";
import { audienceCounts } from "@/lib/messages/messages";
import { duplicateEventAction } from "../actions";
import { addCohostAction, removeCohostAction } from "./cohost-actions";
import { addGuestAction, correctGuestEmailAction, importGuestsAction, messageGuestsAction, pasteGuestsAction, removeGuestAction, resendInviteAction, sendInvitesAction } from "./actions";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; told?: string; notice?: string; wait?: string }> }) {
  const host = await requireHost();
  const { id } = await params;
  const { saved, told, notice, wait } = await searchParams;
  const data = eventPageData(getDb(), host.id, id);
  if (!data) notFound();
  const { event, guests, stamp } = data;

  const notInvited = guests.filter((g) => g.stage === "not_invited").length;
  const tally = (a: string) => guests.filter((g) => g.answer === a).length;
  const comingPeople = guests.reduce((n, g) => (g.answer === "yes" && !g.waitlistedAt ? n + 1 + g.plusOnes : n), 0);
  const waitlisted = guests.filter((g) => g.answer === "yes" && g.waitlistedAt).length;

  return (
    <div className="space-y-6">
      <LiveUpdates stampUrl={`/events/${event.id}/stamp`} initialStamp={stamp} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <Link href="/events" className="btn-link">
            ← All events
          </Link>
          <h1 className="mt-1 text-2xl font-semibold break-words">{event.title}</h1>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`/events/${event.id}/event.ics`} className="btn-secondary">
            Add to calendar
          </a>
          <form action={duplicateEventAction.bind(null, event.id)}>
            <SubmitButton className="btn-secondary" pendingLabel="Duplicating…">
              Duplicate
            </SubmitButton>
          </form>
          <Link href={`/events/${event.id}/edit`} className="btn-secondary">
            Edit
          </Link>
        </div>
      </div>
      <CohostNote role={data.role} host={data.host} />
      {saved ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          Changes saved.{Number(told) > 0 ? ` ${Number(told)} ${Number(told) === 1 ? "guest is" : "guests are"} being told by email, with an updated calendar entry.` : ""}
        </p>
      ) : null}
      {notice === "reinvited" || notice === "corrected" ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          Address fixed. {notice === "reinvited" ? "The old link no longer works, and a new invitation is on its way." : "The old link no longer works."}
        </p>
      ) : null}
      {notice === "duplicated" ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800" data-testid="duplicated-notice">
          This is a copy, with the same details and {guests.length === 0 ? "no guests" : guests.length === 1 ? "1 guest" : `${guests.length.toLocaleString("en")} guests`}:
          no answers, and nobody is invited yet. Check the date under Edit, then send the invites.
        </p>
      ) : null}
      {event.cancelledAt ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="cancelled-banner">
          {notice === "cancelled" ? "Event cancelled. " : "This event is cancelled. "}Invited guests are told by email, with a calendar cancel; their links show the
          cancellation.
        </p>
      ) : null}
      {notice === "storage" ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {STORAGE_MESSAGE}
        </p>
      ) : null}
      {notice === "invite-limit" ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Not sent: that would pass the limit of {LIMITS.invitesPerHostHour.limit.toLocaleString("en")} invitations per hour. Nothing was queued; try again in{" "}
          {Number(wait) > 1 ? `${Number(wait)} minutes` : "a minute"}.
        </p>
      ) : null}
      {notice === "unsubscribed" ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Not sent: that guest unsubscribed from emails about this event. If their address changed, fix it on their row to invite the new address.
        </p>
      ) : null}
      <section className="card">
        <EventFacts event={event} />
      </section>
      {event.cancelledAt ? null : <Reminders event={event} guests={guests} />}
      {event.cancelledAt ? null : <MessageGuestsForm action={messageGuestsAction.bind(null, event.id)} counts={audienceCounts(guests.map((g) => ({ ...g, invited: g.stage !== "not_invited" })))} />}

      <section className="card" aria-labelledby="guests-heading">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="guests-heading" className="text-lg font-semibold">
              Guests
            </h2>
            <p className="text-sm text-gray-600" data-testid="answer-counts">
              {guests.length} guests · {tally("yes")} yes · {tally("no")} no · {tally("maybe")} maybe · {guests.filter((g) => !g.answer).length} no answer
              {event.capacity !== null || event.plusOnesLimit > 0 ? (
                <span data-testid="people-coming">
                  {" "}
                  · {comingPeople} {comingPeople === 1 ? "person" : "people"} coming{event.capacity !== null ? ` of ${event.capacity}` : ""}
                  {waitlisted > 0 ? ` · ${waitlisted} on the waitlist` : ""}
                </span>
              ) : null}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <a href={`/events/${event.id}/guests.csv`} className="btn-link" download>
              Export CSV
            </a>
            <form action={sendInvitesAction.bind(null, event.id)}>
              {event.cancelledAt ? null : notInvited > 0 ? (
                <SubmitButton pendingLabel="Queuing…" className="btn-primary">
                  {`Send invites (${notInvited})`}
                </SubmitButton>
              ) : (
                <button type="button" className="btn-secondary" disabled>
                  {guests.length > 0 ? "Everyone is invited" : "No guests yet"}
                </button>
              )}
            </form>
          </div>
        </div>
        <ul className="mb-5 flex flex-wrap gap-2 text-xs" aria-label="Invitations by state" data-testid="stage-counts">
          {DELIVERY_STAGES.map((stage) => {
            const n = guests.filter((g) => g.stage === stage).length;
            return n > 0 ? (
              <li key={stage} className="rounded-full bg-gray-100 px-2.5 py-1 text-gray-700" data-stage={stage}>
                {STAGE_LABELS[stage]}: <span className="font-semibold">{n}</span>
              </li>
            ) : null;
          })}
        </ul>
        <div className="mb-6 grid gap-6 md:grid-cols-2">
          <div className="space-y-6">
            <AddGuestForm action={addGuestAction.bind(null, event.id)} />
            <ImportGuestsForm
              action={importGuestsAction.bind(null, event.id)}
              limit={GUEST_LIMITS.perEvent}
              maxBytes={CSV_IMPORT.maxBytes}
              tooLarge={CSV_IMPORT.tooLarge}
            />
          </div>
          <PasteGuestsForm action={pasteGuestsAction.bind(null, event.id)} limit={GUEST_LIMITS.perEvent} />
        </div>
        <GuestTable
          guests={guests}
          resendAction={(guestId) => resendInviteAction.bind(null, event.id, guestId)}
          removeAction={(guestId) => removeGuestAction.bind(null, event.id, guestId)}
          fixAction={(guestId) => correctGuestEmailAction.bind(null, event.id, guestId)}
        />
      </section>
      <CohostsCard role={data.role} cohosts={data.cohosts} addAction={addCohostAction.bind(null, event.id)} removeAction={(key) => removeCohostAction.bind(null, event.id, key)} />
    </div>
  );
}
