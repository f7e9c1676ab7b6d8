import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import type { ReactElement } from "react";

/**
 * HTML to plain text, compiled once: building the converter costs more than running it.
 * Headings keep their case (html-to-text shouts them by default; a greeting in capitals reads
 * as yelling).
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }))],
});

/** HTML and plain text of one email, the text derived from the same rendered HTML. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
