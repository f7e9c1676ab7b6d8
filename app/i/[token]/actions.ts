"use server";

import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { sendQueuedMailAfterResponse } from "@/lib/mail/sender";
import { LIMITS, takeRateLimit } from "@/lib/rate-limit";
import { tryWrite } from "@/lib/storage-errors";
import { recordRsvp, rsvpFormSchema } from "@/lib/rsvp/rsvp";

/** A plain form post, so answering works with JavaScript off. */
export async function answerInvitationAction(token: string, form: FormData): Promise<void> {
  const parsed = rsvpFormSchema.safeParse({ answer: form.get("answer") ?? undefined, note: form.get("note") ?? "" });
  if (!parsed.success) {
    const problem = parsed.error.issues[0].path[0] === "note" ? "note" : "answer";
    redirect(`/i/${token}?problem=${problem}`);
  }
  const db = getDb();
  const recorded = tryWrite(() => (takeRateLimit(db, `rsvp:${token}`, LIMITS.rsvpPerToken).allowed ? recordRsvp(db, token, parsed.data) : "busy"));
  if (!recorded.ok) redirect(`/i/${token}?problem=storage`);
  const outcome = recorded.value;
  if (outcome === "busy") redirect(`/i/${token}?problem=busy`);
  if (outcome === "not_found") notFound();
  if (outcome === "closed") redirect(`/i/${token}?problem=closed`);
  sendQueuedMailAfterResponse();
  redirect(`/i/${token}?saved=1`);
}
