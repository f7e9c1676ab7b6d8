"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { fieldErrors, type FormState, type GuestFormState } from "@/lib/actions";
import { requireHost } from "@/lib/auth";
import { findHostEvent } from "@/lib/events/events";
import { correctGuestEmail, guestEmailFormSchema } from "@/lib/guests/correct";
import { readGuestCsvFile } from "@/lib/guests/csv-import";
import { addGuests, removeGuest } from "@/lib/guests/guests";
import { parseGuestList, singleGuest, type ParsedGuestList } from "@/lib/guests/parse";
import { typoHints } from "@/lib/guests/typos";
import { resendInvite, sendInvites, uninvitedGuestCount } from "@/lib/invitations/invitations";
import { sendQueuedMailAfterResponse } from "@/lib/mail/sender";
import { messageFormSchema, sendGuestMessage, type MessageFormState } from "@/lib/messages/messages";
import { LIMITS, takeRateLimit, waitPhrase } from "@/lib/rate-limit";
import { tryWrite } from "@/lib/storage-errors";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

async function saveGuests(eventId: string, parsed: ParsedGuestList, values: Record<string, string>): Promise<GuestFormState> {
  const host = await requireHost();
  const saved = tryWrite(() => addGuests(getDb(), host.id, eventId, parsed));
  if (!saved.ok) return { message: saved.message, values };
  const result = saved.value;
  if (!result) notFound();
  if (result.added > 0) revalidatePath(`/events/${eventId}`);
  const refused = result.rejected.length;
  const message =
    result.added === 0 && refused === 0
      ? "Nothing to add: the list is empty."
      : `Added ${count(result.added, "guest", "guests")}.${refused ? ` ${count(refused, "entry", "entries")} could not be added:` : ""}`;
  const refusedEntries = new Set(result.rejected.map((r) => `${r.line}\n${r.text}`));
  const typos = typoHints(parsed.guests.filter((g) => !refusedEntries.has(`${g.line}\n${g.email}`)));
  // Keep what was typed when nothing was saved, so it can be corrected.
  return { message, rejected: result.rejected, typos, ok: result.added > 0 && refused === 0, values: result.added === 0 ? values : undefined };
}

export async function addGuestAction(eventId: string, _prev: GuestFormState, form: FormData): Promise<GuestFormState> {
  const name = String(form.get("name") ?? "");
  const email = String(form.get("email") ?? "");
  return saveGuests(eventId, singleGuest(name, email), { name, email });
}

export async function pasteGuestsAction(eventId: string, _prev: GuestFormState, form: FormData): Promise<GuestFormState> {
  const text = String(form.get("guests") ?? "");
  return saveGuests(eventId, parseGuestList(text), { guests: text });
}

/** "Import a CSV file": the rows go the same way as a paste, with the same report. */
export async function importGuestsAction(eventId: string, _prev: GuestFormState, form: FormData): Promise<GuestFormState> {
  // Whose event it is comes first: another host learns nothing from how their file is judged.
  const host = await requireHost();
  if (!findHostEvent(getDb(), host.id, eventId)) notFound();
  const file = form.get("file");
  const reading = await readGuestCsvFile(file instanceof Blob ? file : null);
  if (!reading.ok) return { message: reading.problem, problem: true };
  return saveGuests(eventId, reading.list, {});
}

export async function removeGuestAction(eventId: string, guestId: string): Promise<void> {
  const host = await requireHost();
  const removed = tryWrite(() => removeGuest(getDb(), host.id, eventId, guestId));
  if (!removed.ok) redirect(`/events/${eventId}?notice=storage`);
  if (!removed.value) notFound();
  // The place they held may have gone to someone on the waitlist, who is told by email.
  sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
}

export async function sendInvitesAction(eventId: string): Promise<void> {
  const host = await requireHost();
  const db = getDb();
  const sent = tryWrite(() => {
    const budget = takeRateLimit(db, `invites:${host.id}`, LIMITS.invitesPerHostHour, uninvitedGuestCount(db, eventId));
    return budget.allowed ? sendInvites(db, host.id, eventId) : budget;
  });
  if (!sent.ok) redirect(`/events/${eventId}?notice=storage`);
  const queued = sent.value;
  if (queued !== null && typeof queued === "object") redirect(`/events/${eventId}?notice=invite-limit&wait=${Math.ceil(queued.retryAfterMs / 60_000)}`);
  if (queued === null) notFound();
  if (queued > 0) sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
}

export async function resendInviteAction(eventId: string, guestId: string): Promise<void> {
  const host = await requireHost();
  const resent = tryWrite(() => resendInvite(getDb(), host.id, eventId, guestId));
  if (!resent.ok) redirect(`/events/${eventId}?notice=storage`);
  const outcome = resent.value;
  if (outcome === "not_found") notFound();
  if (outcome === "unsubscribed") redirect(`/events/${eventId}?notice=unsubscribed`);
  sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
}

/** "Fix address" on a guest's row: errors come back to the form, success reloads the page. */
export async function correctGuestEmailAction(eventId: string, guestId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  const values = { email: String(form.get("email") ?? "") };
  const parsed = guestEmailFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const corrected = tryWrite(() => correctGuestEmail(getDb(), host.id, eventId, guestId, parsed.data.email));
  if (!corrected.ok) return { errors: { email: [corrected.message] }, values };
  const result = corrected.value;
  if (!result) notFound();
  if ("error" in result) return { errors: { email: [result.error] }, values };
  if (result.invited) sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
  redirect(`/events/${eventId}?notice=${result.invited ? "reinvited" : "corrected"}`);
}

/** "Message guests": the host's email to an audience of invited guests; the form shows the outcome. */
export async function messageGuestsAction(eventId: string, _prev: MessageFormState, form: FormData): Promise<MessageFormState> {
  // Whose event it is comes first: another host learns nothing from how their message is judged.
  const host = await requireHost();
  const db = getDb();
  if (!findHostEvent(db, host.id, eventId)) notFound();
  const values = { audience: String(form.get("audience") ?? ""), subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? "") };
  const parsed = messageFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), message: "Nothing was sent: the message needs attention.", values };
  const sent = tryWrite(() => sendGuestMessage(db, host.id, eventId, parsed.data));
  if (!sent.ok) return { message: sent.message, values };
  const outcome = sent.value;
  if (outcome === null) notFound();
  if ("refused" in outcome) {
    const why = {
      cancelled: "Nothing was sent: the event is cancelled.",
      nobody: "Nothing was sent: no invited guest in that group can get email about this event.",
      rate_limited: `Nothing was sent: you can send ${LIMITS.messagesPerHostHour.limit} messages an hour. Try again in ${waitPhrase("retryAfterMs" in outcome ? outcome.retryAfterMs : 0)}.`,
    }[outcome.refused];
    return { message: why, values };
  }
  sendQueuedMailAfterResponse();
  revalidatePath(`/events/${eventId}`);
  return { sent: outcome.sent, message: `Sent to ${count(outcome.sent, "guest", "guests")}: each guest's row shows how delivery goes.` };
}
