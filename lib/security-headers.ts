/** The Content-Security-Policy of every page: our own origin only, scripts by per-request nonce. */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The Referer policy of a page. A personal token in the address must never reach another
 * site. The RSVP page (/i/) keeps "same-origin": under "no-referrer" Chromium posts its form
 * with `Origin: null`, which Next's CSRF check on server actions rightly refuses. The
 * unsubscribe page (/u/) posts to a plain route handler, so it can say "no-referrer".
 */
export function referrerPolicy(pathname: string): string {
  if (pathname.startsWith("/u/")) return "no-referrer";
  if (pathname.startsWith("/i/")) return "same-origin";
  return "strict-origin-when-cross-origin";
}

/** Email HTML served into our own preview iframes carries its own locked-down policy. */
export function isFramedEmailPath(pathname: string): boolean {
  return /^\/dev\/(mailbox|emails)\/[^/]+\/html$/.test(pathname);
}
