import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { EventForm } from "@/components/EventForm";
import { requireHost } from "@/lib/auth";
import { findManagedEvent } from "@/lib/events/access";
import { allTimeZones, instantToWallTime } from "@/lib/events/time";
import { updateEventAction } from "../../actions";

export const metadata: Metadata = { title: "Edit event" };

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const host = await requireHost();
  const { id } = await params;
  const managed = findManagedEvent(getDb(), host.id, id);
  if (!managed) notFound();
  const { event, role } = managed;
  const wall = (d: Date | null) => (d ? instantToWallTime(d, event.timeZone) : "");
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/events/${event.id}`} className="btn-link">
        ← Back to the event
      </Link>
      <h1 className="mt-2 mb-6 text-2xl font-semibold">Edit event</h1>
      <div className="card">
        <EventForm
          action={updateEventAction.bind(null, event.id)}
          timeZones={allTimeZones()}
          submitLabel="Save changes"
          initial={{
            title: event.title,
            description: event.description,
            timeZone: event.timeZone,
            startsAt: wall(event.startsAt),
            endsAt: wall(event.endsAt),
            locationAddress: event.locationAddress,
            locationUrl: event.locationUrl,
            rsvpDeadline: wall(event.rsvpDeadline),
            notifyHostOnAnswer: event.notifyHostOnAnswer,
            confirmToGuest: event.confirmToGuest,
            remindUnansweredHours: event.remindUnansweredHours === null ? "" : String(event.remindUnansweredHours),
            remindAttendeesHours: event.remindAttendeesHours === null ? "" : String(event.remindAttendeesHours),
            capacity: event.capacity === null ? "" : String(event.capacity),
            plusOnesLimit: String(event.plusOnesLimit),
            guestListVisibility: event.guestListVisibility,
          }}
        />
      </div>
      {!event.cancelledAt ? (
        <div className="card mt-8 border-amber-200">
          <h2 className="font-semibold text-amber-800">Cancel this event</h2>
          <p className="mt-1 text-sm text-gray-600">Invited guests get an email with your message and a calendar cancel; their link shows the cancellation.</p>
          <Link href={`/events/${event.id}/cancel`} className="btn-secondary mt-3">
            Cancel event…
          </Link>
        </div>
      ) : null}
      {/* Deleting is the host's alone: a co-host manages the event but does not own it. */}
      {role === "host" ? (
        <div className="card mt-8 border-red-200">
          <h2 className="font-semibold text-red-700">Delete this event</h2>
          <p className="mt-1 text-sm text-gray-600">The guest list and every answer go with it, and the guests' links stop working.</p>
          <Link href={`/events/${event.id}/delete`} className="btn-danger mt-3">
            Delete event…
          </Link>
        </div>
      ) : null}
    </div>
  );
}
