import { html, htmlString, trustedHtml, type Html } from "./html";

/**
 * The pages a guest reaches through their personal link (/i/, /u/) are served by route
 * handlers, not App Router pages: they need no client JavaScript (they work with it off), no
 * session and no layout, and they are what every invited guest opens. As plain HTML they cost
 * a fraction of a page render and send no framework runtime to the guest's phone.
 *
 * The look follows the app's Tailwind theme (brand indigo, gray cards) in a small stylesheet
 * allowed by the nonce the site's proxy put in this request's Content-Security-Policy.
 */

const styles = `
*,::before,::after{box-sizing:border-box}
body{margin:0;min-height:100vh;background:#f9fafb;color:#111827;font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere;-webkit-font-smoothing:antialiased}
header{border-bottom:1px solid #e5e7eb;background:#fff}
header div{max-width:56rem;margin:0 auto;padding:.75rem 1rem}
header a{font-size:1.125rem;font-weight:600;color:#4338ca;text-decoration:none}
main{max-width:36rem;margin:0 auto;padding:2rem 1rem}
main>*+*{margin-top:1.5rem}
h1{font-size:1.5rem;line-height:2rem;font-weight:600;margin:0}
h2{font-size:1.125rem;font-weight:600;margin:0 0 .75rem}
p{margin:0}
.card{border:1px solid #e5e7eb;border-radius:.5rem;background:#fff;padding:1.25rem;box-shadow:0 1px 2px rgb(0 0 0/.05)}
.card>*+*{margin-top:.25rem}
.lead{font-size:.875rem;color:#4b5563}
.small{font-size:.875rem;color:#4b5563}
.tiny{font-size:.75rem;color:#6b7280}
.strong{font-weight:500}
.text{padding-top:.75rem;white-space:pre-line;color:#1f2937}
.links{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem!important}
a.link{font-size:.875rem;font-weight:500;color:#4f46e5;text-underline-offset:2px;text-decoration:none}
a.link:hover{text-decoration:underline}
.status{border-radius:.375rem;background:#f0fdf4;color:#166534;padding:.75rem}
.alert{border-radius:.375rem;background:#fef2f2;color:#b91c1c;padding:.75rem;font-size:.875rem}
form>*+*{margin-top:1rem}
fieldset{border:0;margin:0;padding:0}
fieldset>*+*{margin-top:.5rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
.choice{display:flex;align-items:center;gap:.75rem;cursor:pointer;border:1px solid #e5e7eb;border-radius:.375rem;padding:.75rem;font-weight:500}
.choice:has(:checked){border-color:#4f46e5;background:#eef2ff}
label.field{display:block;margin-bottom:.25rem;font-size:.875rem;font-weight:500;color:#374151}
label.field span{font-weight:400;color:#6b7280}
textarea{display:block;width:100%;border:1px solid #d1d5db;border-radius:.375rem;background:#fff;padding:.5rem .75rem;font:inherit;font-size:.875rem;box-shadow:0 1px 2px rgb(0 0 0/.05)}
select{display:block;border:1px solid #d1d5db;border-radius:.375rem;background:#fff;padding:.5rem .75rem;font:inherit;font-size:.875rem}
textarea:focus{outline:none;border-color:#4f46e5;box-shadow:0 0 0 2px #e0e7ff}
button{display:inline-flex;border:0;border-radius:.375rem;background:#4f46e5;color:#fff;padding:.5rem .875rem;font:inherit;font-size:.875rem;font-weight:500;cursor:pointer}
button:hover{background:#4338ca}
.quote{white-space:pre-line;font-style:italic}
.center{text-align:center}
`;

/** The nonce the site's proxy put in this request's policy, so our <style> and <script> may run. */
export function requestNonce(request: Request): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(request.headers.get("content-security-policy") ?? "")?.[1] ?? null;
}

export type GuestPage = { title: string; body: Html; status?: number; script?: string };

/** A whole guest page as a response: private, never cached, never indexed, never a Referer. */
export function guestPageResponse(request: Request, page: GuestPage): Response {
  const nonce = requestNonce(request) ?? undefined;
  const document = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} · FastInviter</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style nonce="${nonce}">${trustedHtml(styles)}</style>
</head>
<body>
<header><div><a href="/">FastInviter</a></div></header>
<main>${page.body}</main>
${page.script ? html`<script nonce="${nonce}">${trustedHtml(page.script)}</script>` : ""}
</body>
</html>`;
  return new Response(htmlString(document), {
    status: page.status ?? 200,
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

/**
 * A form from another site must not answer for a guest even if it somehow had the link.
 * Browsers say where a post comes from in Sec-Fetch-Site, or else in Origin (under our
 * no-referrer policy Chromium sends `Origin: null` from our own page, hence Sec-Fetch-Site
 * first). A post that says neither comes from no browser; its token is its only credential.
 */
export function postFromAnotherSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  return !URL.canParse(origin) || new URL(origin).host !== request.headers.get("host");
}

/** An unknown or revoked link: the same words as the app's not-found page, and nothing else. */
export function guestNotFound(request: Request): Response {
  return guestPageResponse(request, {
    title: "Not found",
    status: 404,
    body: html`<section class="card center"><h1>Not found</h1><p class="small">There is nothing here. If you followed a link, it may have been mistyped or is no longer valid.</p><p><a class="link" href="/">Go to the start page</a></p></section>`,
  });
}
