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
 * site, not even its origin: the guest's pages (/i/, /u/) send no Referer at all.
 */
export function referrerPolicy(pathname: string): string {
  if (pathname.startsWith("/u/") || pathname.startsWith("/i/")) return "no-referrer";
  return "strict-origin-when-cross-origin";
}

/** Email HTML (the dev previews, a host's reminder preview) carries its own locked-down policy. */
export function isFramedEmailPath(pathname: string): boolean {
  return /^\/dev\/(mailbox|emails)\/[^/]+\/html$/.test(pathname) || /^\/events\/[^/]+\/reminder\/[a-z]+$/.test(pathname);
}
