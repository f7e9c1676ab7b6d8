import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { readBodyWithin } from "@/lib/body-limit";
import { findUnsubscribeTarget, unsubscribeGuest } from "@/lib/guests/unsubscribe";

// A route handler, not a page with a server action: mail clients post the RFC 8058 one-click
// request here without cookies or Origin, and the token in the path is the only credential.

// What a mail client or the button posts is "List-Unsubscribe=One-Click": a few dozen bytes.
const MAX_BODY_BYTES = 8 * 1024;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The nonce the site's proxy put in this request's policy, so our one <style> may apply. */
function styleNonce(request: Request): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(request.headers.get("content-security-policy") ?? "")?.[1] ?? null;
}

function page(request: Request, title: string, body: string): Response {
  const nonce = styleNonce(request);
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} · FastInviter</title>
<style${nonce ? ` nonce="${nonce}"` : ""}>
body { margin: 0; background: #f9fafb; color: #111827; font: 16px/1.5 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 32rem; margin: 4rem auto; padding: 1.5rem; background: #fff; border: 1px solid #e5e7eb; border-radius: 0.5rem; }
h1 { font-size: 1.375rem; margin: 0 0 0.75rem; overflow-wrap: anywhere; }
p { color: #4b5563; margin: 0 0 1rem; }
button { background: #4f46e5; color: #fff; border: 0; border-radius: 0.375rem; padding: 0.5rem 0.9rem; font: inherit; font-weight: 600; cursor: pointer; }
button:hover { background: #4338ca; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
      // The path is a credential: it must not travel in a Referer, nor be indexed. (The
      // Content-Security-Policy and framing headers come from the site's proxy.)
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}

function done(request: Request, eventTitle: string): Response {
  const title = escapeHtml(eventTitle);
  return page(
    request,
    "Unsubscribed",
    `<h1>You won't get more emails about ${title}</h1>
<p>You are unsubscribed from invitations and reminders for this event. If you answer the invitation, you will still get the confirmation of your answer.</p>`,
  );
}

type Params = { params: Promise<{ token: string }> };

/** Only asks: mail scanners follow links, so opening this changes nothing. */
export async function GET(request: Request, { params }: Params) {
  const { token } = await params;
  const target = findUnsubscribeTarget(getDb(), token);
  if (!target) notFound();
  if (target.unsubscribedAt) return done(request, target.eventTitle);
  const title = escapeHtml(target.eventTitle);
  return page(
    request,
    "Stop emails?",
    `<h1>Stop emails about ${title}?</h1>
<p>You will get no more invitations or reminders for this event.</p>
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
  if (!target) notFound();
  return done(request, target.eventTitle);
}
