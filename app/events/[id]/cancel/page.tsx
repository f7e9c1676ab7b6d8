import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { SubmitButton } from "@/components/SubmitButton";
import { requireHost } from "@/lib/auth";
import { CANCEL_MESSAGE_LIMIT, guestsToTellOfCancellation } from "@/lib/events/cancel";
import { findHostEvent } from "@/lib/events/events";
import { cancelEventAction } from "../../actions";

export const metadata: Metadata = { title: "Cancel event" };

export default async function CancelEventPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ problem?: string }> }) {
  const host = await requireHost();
  const { id } = await params;
  const { problem } = await searchParams;
  const db = getDb();
  const event = findHostEvent(db, host.id, id);
  if (!event) notFound();
  const told = guestsToTellOfCancellation(db, event.id);
  return (
    <div className="mx-auto max-w-lg">
      <div className="card space-y-4">
        <h1 className="text-xl font-semibold">Cancel “{event.title}”?</h1>
        {event.cancelledAt ? (
          <p className="text-gray-700">This event is already cancelled.</p>
        ) : (
          <form action={cancelEventAction.bind(null, event.id)} className="space-y-4">
            <p className="text-sm text-gray-600">
              {told === 0
                ? "No guest has been invited yet, so nobody will be emailed."
                : `${told} invited guest${told === 1 ? "" : "s"} will get an email with your message and a calendar cancel.`}{" "}
              The event stays on your dashboard, marked cancelled.
            </p>
            {problem === "message" ? (
              <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
                The message must be at most {CANCEL_MESSAGE_LIMIT} characters.
              </p>
            ) : null}
            <div>
              <label htmlFor="cancel-message" className="field-label">
                Message to guests <span className="font-normal text-gray-500">(optional)</span>
              </label>
              <textarea id="cancel-message" name="message" rows={4} maxLength={CANCEL_MESSAGE_LIMIT} className="field-input" />
            </div>
            <div className="flex gap-3">
              <SubmitButton className="btn-danger" pendingLabel="Cancelling…">
                {told > 0 ? `Cancel and tell ${told} guest${told === 1 ? "" : "s"}` : "Cancel the event"}
              </SubmitButton>
              <Link href={`/events/${event.id}`} className="btn-secondary">
                Keep it
              </Link>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
