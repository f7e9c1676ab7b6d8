import { notFound } from "next/navigation";
import { devToolsEnabled } from "./env";

/** /dev/* exists in development, or in production only when DEV_TOOLS opts in. */
export function requireDevTools(): void {
  if (!devToolsEnabled()) notFound();
}

/** Headers for an email's HTML shown inside our own pages: no scripts, nothing fetched. */
export const sandboxedHtmlHeaders = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation",
  "Cache-Control": "no-store",
};
