import { getDb } from "@/db/client";
import { readBodyWithin } from "@/lib/body-limit";
import { appUrl } from "@/lib/env";
import { guestNotFound, guestPageResponse, postFromAnotherSite } from "@/lib/guest-page";
import { html } from "@/lib/html";
import { sendQueuedMailAfterResponse } from "@/lib/mail/sender";
import { LIMITS, takeRateLimit } from "@/lib/rate-limit";
import { readGuestList } from "@/lib/rsvp/guest-list";
import { invitationPage, type Problem } from "@/lib/rsvp/page";
import { findInvitation, recordRsvp, rsvpFormSchema } from "@/lib/rsvp/rsvp";
import { tryWrite } from "@/lib/storage-errors";

// The guest's page is a route handler (see lib/guest-page.ts): the busiest page of the app,
// with no JavaScript needed, posting its form back to itself. The token in the path is the
// only credential, as for the unsubscribe link.

type Params = { params: Promise<{ token: string }> };

/** An answer is a choice and a note of at most 1,000 characters: 16 KB is plenty. */
const MAX_FORM_BYTES = 16 * 1024;

export async function GET(request: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const invitation = findInvitation(db, token);
  if (!invitation) return guestNotFound(request);
  const query = new URL(request.url).searchParams;
  const guestList = readGuestList(db, invitation.event);
  return guestPageResponse(request, invitationPage({ ...invitation, guestList }, { answer: query.get("answer"), saved: query.get("saved"), problem: query.get("problem") }, appUrl()));
}

/** Back to the page after a post (303, so a reload does not post again). */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

function refused(request: Request, status: number, message: string): Response {
  return guestPageResponse(request, { title: "Not saved", status, body: html`<section class="card"><h1>Your answer was not saved</h1><p class="small">${message}</p></section>` });
}

export async function POST(request: Request, { params }: Params) {
  const { token } = await params;
  if (postFromAnotherSite(request)) return refused(request, 403, "Answers can only be sent from the invitation page itself. Open the link in your invitation email and answer there.");
  const body = await readBodyWithin(request, MAX_FORM_BYTES);
  if (body instanceof Response) return refused(request, 413, "The answer is too long. Keep the note under 1,000 characters.");
  const self = `/i/${encodeURIComponent(token)}`;
  const problem = (name: Problem) => seeOther(`${self}?problem=${name}`);
  const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => null);
  if (!form) return problem("answer");
  const parsed = rsvpFormSchema.safeParse({ answer: form.get("answer") ?? undefined, note: form.get("note") ?? "", plusOnes: form.get("plusOnes") ?? undefined });
  if (!parsed.success) {
    const field = parsed.error.issues[0].path[0];
    return problem(field === "note" ? "note" : field === "plusOnes" ? "plusOnes" : "answer");
  }
  const db = getDb();
  const recorded = tryWrite(() => (takeRateLimit(db, `rsvp:${token}`, LIMITS.rsvpPerToken).allowed ? recordRsvp(db, token, parsed.data) : "busy"));
  if (!recorded.ok) return problem("storage");
  switch (recorded.value) {
    case "busy":
      return problem("busy");
    case "not_found":
      return guestNotFound(request);
    case "closed":
      return problem("closed");
    case "too_many_plus_ones":
      return problem("plusOnes");
    case "no_room_for_party":
      return problem("noRoom");
    case "recorded":
    case "waitlisted":
      sendQueuedMailAfterResponse();
      return seeOther(`${self}?saved=1`);
  }
}
