"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { fieldErrors, type FormState } from "@/lib/actions";
import { requireHost } from "@/lib/auth";
import { eventRole } from "@/lib/events/access";
import { addCohost, cohostFormSchema, removeCohost } from "@/lib/events/cohosts";
import { sendQueuedMailAfterResponse } from "@/lib/mail/sender";
import { tryWrite } from "@/lib/storage-errors";

/** "Add a co-host": only the event's host; a co-host or a stranger gets not-found. */
export async function addCohostAction(eventId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  // Whose event it is comes first: nobody else learns anything from how the address is judged.
  if (eventRole(getDb(), host.id, eventId) !== "host") notFound();
  const values = { email: String(form.get("email") ?? "") };
  const parsed = cohostFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const added = tryWrite(() => addCohost(getDb(), host.id, eventId, parsed.data.email));
  if (!added.ok) return { errors: { email: [added.message] }, values };
  const result = added.value;
  if (!result) notFound();
  if ("error" in result) return { errors: { email: [result.error] }, values };
  sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
  return { message: `${result.added} is a co-host now, and an email with a link to the event is on its way.` };
}

export async function removeCohostAction(eventId: string, emailKey: string): Promise<void> {
  const host = await requireHost();
  const removed = tryWrite(() => removeCohost(getDb(), host.id, eventId, emailKey));
  if (!removed.ok) redirect(`/events/${eventId}?notice=storage`);
  if (!removed.value) notFound();
  revalidatePath(`/events/${eventId}`);
}
