"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { FormState } from "@/lib/actions";
import { requireHost } from "@/lib/auth";
import { cancelEvent, cancelFormSchema } from "@/lib/events/cancel";
import { previewChanges, saveEvent } from "@/lib/events/changes";
import { duplicateEvent } from "@/lib/events/duplicate";
import { createEvent, deleteEvent } from "@/lib/events/events";
import { eventFormValues, parseEventForm } from "@/lib/events/schema";
import { sendQueuedMailAfterResponse } from "@/lib/mail/sender";
import { tryWrite } from "@/lib/storage-errors";

export async function createEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  const values = eventFormValues(form);
  const parsed = parseEventForm(values);
  if (!parsed.success) return { errors: parsed.errors, message: "Some fields need attention.", values };
  const created = tryWrite(() => createEvent(getDb(), host.id, parsed.data));
  if (!created.ok) return { message: created.message, values };
  revalidatePath("/events");
  redirect(`/events/${created.value.id}`);
}

/**
 * Saves an edit. When the time or place changed and invited guests would hear of it, the first
 * post only shows the host who (the form's `changePreview`); the host then saves with or
 * without emailing them (`notify` = yes / no).
 */
export async function updateEventAction(eventId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  const values = eventFormValues(form);
  const parsed = parseEventForm(values);
  if (!parsed.success) return { errors: parsed.errors, message: "Some fields need attention.", values };
  const db = getDb();
  const decision = form.get("notify");
  if (decision !== "yes" && decision !== "no") {
    const preview = previewChanges(db, host.id, eventId, parsed.data);
    if (!preview) notFound();
    if (preview.changes.length > 0 && preview.guests > 0) return { values, changePreview: preview };
  }
  const saved = tryWrite(() => saveEvent(db, host.id, eventId, parsed.data, decision === "yes"));
  if (!saved.ok) return { message: saved.message, values };
  if (!saved.value) notFound();
  // What changed may have queued mail: change notices, or places given from the waitlist.
  sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
  redirect(`/events/${eventId}?saved=1${saved.value.told > 0 ? `&told=${saved.value.told}` : ""}`);
}

export async function deleteEventAction(eventId: string): Promise<void> {
  const host = await requireHost();
  const deleted = tryWrite(() => deleteEvent(getDb(), host.id, eventId));
  if (!deleted.ok) redirect(`/events/${eventId}?notice=storage`);
  if (!deleted.value) notFound();
  revalidatePath("/events");
  redirect("/events?deleted=1");
}

export async function cancelEventAction(eventId: string, form: FormData): Promise<void> {
  const host = await requireHost();
  const parsed = cancelFormSchema.safeParse({ message: form.get("message") ?? "" });
  if (!parsed.success) redirect(`/events/${eventId}/cancel?problem=message`);
  const cancelled = tryWrite(() => cancelEvent(getDb(), host.id, eventId, parsed.data.message));
  if (!cancelled.ok) redirect(`/events/${eventId}?notice=storage`);
  if (cancelled.value === null) notFound();
  if (cancelled.value > 0) sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
  redirect(`/events/${eventId}?notice=cancelled`);
}

/** A copy of the event and its guest list, nobody invited yet; the host lands on the copy. */
export async function duplicateEventAction(eventId: string): Promise<void> {
  const host = await requireHost();
  const copied = tryWrite(() => duplicateEvent(getDb(), host.id, eventId));
  if (!copied.ok) redirect(`/events/${eventId}?notice=storage`);
  if (!copied.value) notFound();
  revalidatePath("/events");
  redirect(`/events/${copied.value.event.id}?notice=duplicated`);
}
