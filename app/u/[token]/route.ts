import { getDb } from "@/db/client";
import { readBodyWithin } from "@/lib/body-limit";
import { guestNotFound, guestPageResponse } from "@/lib/guest-page";
import { findUnsubscribeTarget, unsubscribeGuest } from "@/lib/guests/unsubscribe";
import { html, type Html } from "@/lib/html";

// A route handler, not a page with a server action: mail clients post the RFC 8058 one-click
// request here without cookies or Origin, and the token in the path is the only credential.

// What a mail client or the button posts is "List-Unsubscribe=One-Click": a few dozen bytes.
const MAX_BODY_BYTES = 8 * 1024;

function page(request: Request, title: string, body: Html): Response {
  return guestPageResponse(request, { title, body: html`<section class="card center">${body}</section>` });
}

function done(request: Request, eventTitle: string): Response {
  return page(
    request,
    "Unsubscribed",
    html`<h1>You won't get more emails about ${eventTitle}</h1>
<p class="small">You are unsubscribed from invitations and reminders for this event. If you answer the invitation, you will still get the confirmation of your answer.</p>`,
  );
}

type Params = { params: Promise<{ token: string }> };

/** Only asks: mail scanners follow links, so opening this changes nothing. */
export async function GET(request: Request, { params }: Params) {
  const { token } = await params;
  const target = findUnsubscribeTarget(getDb(), token);
  if (!target) return guestNotFound(request);
  if (target.unsubscribedAt) return done(request, target.eventTitle);
  return page(
    request,
    "Stop emails?",
    html`<h1>Stop emails about ${target.eventTitle}?</h1>
<p class="small">You will get no more invitations or reminders for this event.</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Stop emails about this event</button>
</form>`,
  );
}

/**
 * The one-click unsubscribe (RFC 8058) and the button above. The body is not needed, but it is
 * read within a small limit: a post far larger than any mail client sends changes nothing.
 */
export async function POST(request: Request, { params }: Params) {
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body instanceof Response) return body;
  const { token } = await params;
  const target = unsubscribeGuest(getDb(), token);
  if (!target) return guestNotFound(request);
  return done(request, target.eventTitle);
}
