import type { Metadata } from "next";
import { EventForm } from "@/components/EventForm";
import { REMINDER_DEFAULTS } from "@/lib/events/schema";
import { requireHost } from "@/lib/auth";
import { allTimeZones } from "@/lib/events/time";
import { createEventAction } from "../actions";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage() {
  await requireHost();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-6 text-2xl font-semibold">New event</h1>
      <div className="card">
        <EventForm
          action={createEventAction}
          timeZones={allTimeZones()}
          submitLabel="Create event"
          initial={{
            title: "",
            description: "",
            timeZone: "",
            startsAt: "",
            endsAt: "",
            locationAddress: "",
            locationUrl: "",
            rsvpDeadline: "",
            notifyHostOnAnswer: true,
            confirmToGuest: true,
            remindUnansweredHours: String(REMINDER_DEFAULTS.unanswered),
            remindAttendeesHours: String(REMINDER_DEFAULTS.attendees),
            capacity: "",
            plusOnesLimit: "0",
            guestListVisibility: "none",
          }}
        />
      </div>
    </div>
  );
}
