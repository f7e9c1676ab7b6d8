import { plainTextSelectors, render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

// html-to-text shouts headings by default; a greeting in capitals reads as yelling.
const selectors = [
  ...plainTextSelectors,
  ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
];

/** HTML and plain text of one email, the text derived from the same rendered HTML. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html, { selectors }) };
}
