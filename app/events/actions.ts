"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { fieldErrors, type FormState } from "@/lib/actions";
import { requireHost } from "@/lib/auth";
import { createEvent, deleteEvent, updateEvent } from "@/lib/events/events";
import { eventFormSchema, eventFormValues } from "@/lib/events/schema";

export async function createEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  const values = eventFormValues(form);
  const parsed = eventFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), message: "Some fields need attention.", values };
  const event = createEvent(getDb(), host.id, parsed.data);
  revalidatePath("/events");
  redirect(`/events/${event.id}`);
}

export async function updateEventAction(eventId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  const values = eventFormValues(form);
  const parsed = eventFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), message: "Some fields need attention.", values };
  if (!updateEvent(getDb(), host.id, eventId, parsed.data)) notFound();
  revalidatePath(`/events/${eventId}`);
  redirect(`/events/${eventId}?saved=1`);
}

export async function deleteEventAction(eventId: string): Promise<void> {
  const host = await requireHost();
  if (!deleteEvent(getDb(), host.id, eventId)) notFound();
  revalidatePath("/events");
  redirect("/events?deleted=1");
}
