"use client";

import { useActionState, useEffect, useRef } from "react";
import type { FormState } from "@/lib/actions";
import { REMINDER_CHOICES } from "@/lib/events/reminder-choices";
import { FieldError } from "./FieldError";
import { SubmitButton } from "./SubmitButton";

export type EventFormValues = {
  title: string;
  description: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  locationAddress: string;
  locationUrl: string;
  rsvpDeadline: string;
  notifyHostOnAnswer: boolean;
  confirmToGuest: boolean;
  /** Hours, or "" for off. */
  remindUnansweredHours: string;
  remindAttendeesHours: string;
  /** "" for no limit. */
  capacity: string;
  plusOnesLimit: string;
  guestListVisibility: "list" | "counts" | "none";
};

const hoursLabel = (h: number) => (h % 24 === 0 ? (h === 24 ? "1 day" : h === 168 ? "1 week" : `${h / 24} days`) : `${h} hours`);

const guestCount = (n: number) => `${n} ${n === 1 ? "guest" : "guests"}`;

function ReminderChoice({ name, defaultValue, children }: { name: string; defaultValue: string; children: [string, string] }) {
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      {children[0]}
      <select name={name} defaultValue={defaultValue} className="field-input w-auto py-1">
        <option value="">never</option>
        {REMINDER_CHOICES.map((h) => (
          <option key={h} value={String(h)}>
            {hoursLabel(h)} before
          </option>
        ))}
      </select>
      {children[1]}
    </label>
  );
}

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: EventFormValues;
  timeZones: string[];
  submitLabel: string;
};

export function EventForm({ action, initial, timeZones, submitLabel }: Props) {
  const [state, formAction] = useActionState(action, {});
  const zoneRef = useRef<HTMLSelectElement>(null);
  const v = state.values;
  const value = (k: keyof EventFormValues) => (v ? v[k] ?? "" : String(initial[k] ?? ""));
  const checked = (k: "notifyHostOnAnswer" | "confirmToGuest") => (v ? v[k] === "on" : initial[k]);
  const err = state.errors ?? {};
  const preview = state.changePreview;

  // A new event starts in the browser's zone; the server cannot know it.
  useEffect(() => {
    if (initial.timeZone || v || !zoneRef.current) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZones.includes(browserZone)) zoneRef.current.value = browserZone;
  }, [initial.timeZone, timeZones, v]);

  const described = (k: string) => ({ "aria-describedby": `${k}-error`, "aria-invalid": err[k] ? true : undefined });

  return (
    <form action={formAction} className="space-y-5" key={JSON.stringify(v ?? {})}>
      {state.message ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      <div>
        <label htmlFor="title" className="field-label">
          Title
        </label>
        <input id="title" name="title" required maxLength={200} defaultValue={value("title")} className="field-input" {...described("title")} />
        <FieldError id="title-error" errors={err.title} />
      </div>
      <div>
        <label htmlFor="description" className="field-label">
          Description <span className="font-normal text-gray-500">(plain text)</span>
        </label>
        <textarea id="description" name="description" rows={5} maxLength={5000} defaultValue={value("description")} className="field-input" {...described("description")} />
        <FieldError id="description-error" errors={err.description} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="startsAt" className="field-label">
            Starts
          </label>
          <input id="startsAt" name="startsAt" type="datetime-local" required defaultValue={value("startsAt")} className="field-input" {...described("startsAt")} />
          <FieldError id="startsAt-error" errors={err.startsAt} />
        </div>
        <div>
          <label htmlFor="endsAt" className="field-label">
            Ends
          </label>
          <input id="endsAt" name="endsAt" type="datetime-local" required defaultValue={value("endsAt")} className="field-input" {...described("endsAt")} />
          <FieldError id="endsAt-error" errors={err.endsAt} />
        </div>
      </div>
      <div>
        <label htmlFor="timeZone" className="field-label">
          Time zone
        </label>
        <select id="timeZone" name="timeZone" ref={zoneRef} defaultValue={value("timeZone") || "UTC"} className="field-input" {...described("timeZone")}>
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <FieldError id="timeZone-error" errors={err.timeZone} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="locationAddress" className="field-label">
            Address
          </label>
          <input id="locationAddress" name="locationAddress" maxLength={500} defaultValue={value("locationAddress")} className="field-input" {...described("locationAddress")} />
          <FieldError id="locationAddress-error" errors={err.locationAddress} />
        </div>
        <div>
          <label htmlFor="locationUrl" className="field-label">
            Online link
          </label>
          <input
            id="locationUrl"
            name="locationUrl"
            type="url"
            placeholder="https://"
            maxLength={2000}
            defaultValue={value("locationUrl")}
            className="field-input"
            {...described("locationUrl")}
          />
          <FieldError id="locationUrl-error" errors={err.locationUrl} />
        </div>
      </div>
      <div>
        <label htmlFor="rsvpDeadline" className="field-label">
          RSVP deadline <span className="font-normal text-gray-500">(optional)</span>
        </label>
        <input id="rsvpDeadline" name="rsvpDeadline" type="datetime-local" defaultValue={value("rsvpDeadline")} className="field-input sm:w-1/2" {...described("rsvpDeadline")} />
        <FieldError id="rsvpDeadline-error" errors={err.rsvpDeadline} />
      </div>
      <fieldset className="space-y-2">
        <legend className="field-label">Emails after a guest answers</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirmToGuest" defaultChecked={checked("confirmToGuest")} /> Send the guest a confirmation with a calendar file
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="notifyHostOnAnswer" defaultChecked={checked("notifyHostOnAnswer")} /> Email me each answer
        </label>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="field-label">Guests</legend>
        <div>
          <label htmlFor="capacity" className="field-label">
            Capacity <span className="font-normal text-gray-500">(people; empty: no limit)</span>
          </label>
          <input id="capacity" name="capacity" inputMode="numeric" pattern="[0-9]*" defaultValue={value("capacity")} className="field-input" {...described("capacity")} />
          <FieldError id="capacity-error" errors={err.capacity} />
        </div>
        <div>
          <label htmlFor="plusOnesLimit" className="field-label">
            Each guest may bring
          </label>
          <select id="plusOnesLimit" name="plusOnesLimit" defaultValue={value("plusOnesLimit") || "0"} className="field-input">
            {Array.from({ length: 11 }, (_, n) => (
              <option key={n} value={String(n)}>
                {n === 0 ? "nobody" : n === 1 ? "1 person" : `up to ${n} people`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="guestListVisibility" className="field-label">
            Guests see
          </label>
          <select id="guestListVisibility" name="guestListVisibility" defaultValue={value("guestListVisibility") || "none"} className="field-input">
            <option value="none">nothing of other guests</option>
            <option value="counts">how many are coming</option>
            <option value="list">who is coming (names and answers)</option>
          </select>
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="field-label">Reminders</legend>
        <ReminderChoice name="remindUnansweredHours" defaultValue={value("remindUnansweredHours")}>
          {["Remind guests who have not answered", "answers close"]}
        </ReminderChoice>
        <ReminderChoice name="remindAttendeesHours" defaultValue={value("remindAttendeesHours")}>
          {["Remind guests who said yes or maybe", "the start"]}
        </ReminderChoice>
        <p className="text-xs text-gray-500">No reminder goes out between 21:00 and 08:00 in the event&apos;s time zone: it waits for the morning.</p>
      </fieldset>
      {preview ? (
        <div role="alert" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="change-preview">
          <p className="font-medium">Tell your guests? {guestCount(preview.guests)} were invited, {preview.yes} of them said yes.</p>
          <ul className="space-y-1">
            {preview.changes.map((c) => (
              <li key={c.what}>
                <span className="font-medium">{c.what}:</span> <span className="text-gray-600 line-through">{c.from}</span> → {c.to}
              </li>
            ))}
          </ul>
          {preview.reconfirm ? <p>The event moves to another day: guests who said yes will be asked to confirm again.</p> : null}
          <div className="flex flex-wrap gap-3">
            {/* First in the form, so that Enter in a field never emails anyone. */}
            <button type="submit" name="notify" value="no" className="btn-secondary">
              Save without emailing
            </button>
            <button type="submit" name="notify" value="yes" className="btn-primary">
              Save and email {guestCount(preview.guests)}
            </button>
          </div>
        </div>
      ) : (
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      )}
    </form>
  );
}
