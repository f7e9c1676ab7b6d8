"use client";

import { useActionState, useEffect, useRef } from "react";
import type { FormState } from "@/lib/actions";
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
};

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
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
