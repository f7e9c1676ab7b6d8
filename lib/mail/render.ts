import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import { randomBytes } from "node:crypto";
import { createElement, type ReactElement } from "react";
import type { Event } from "@/db/schema";
import { templates, type TemplateSlug } from "@/emails";
import { formatRange } from "@/lib/events/time";

/**
 * HTML to plain text, compiled once: building the converter costs more than running it.
 * Headings keep their case (html-to-text shouts them by default; a greeting in capitals reads
 * as yelling).
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }))],
});

export type RenderedEmail = { html: string; text: string };

/** HTML and plain text of one email, the text derived from the same rendered HTML. */
export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}

/** One of the app's emails by slug: its subject and both parts, from the given props. */
export async function renderTemplate(slug: TemplateSlug, props: Record<string, unknown>) {
  const { Component, subject } = templates[slug];
  return { subject: subject(props), ...(await renderEmail(createElement(Component, props))) };
}

type EmailFacts = Pick<Event, "title" | "description" | "startsAt" | "endsAt" | "timeZone" | "locationAddress" | "locationUrl">;

/** The event as every email about it shows it, times in the event's zone. */
export function emailEventOf(event: EmailFacts) {
  return {
    title: event.title,
    description: event.description,
    when: formatRange(event.startsAt, event.endsAt, event.timeZone),
    locationAddress: event.locationAddress,
    locationUrl: event.locationUrl,
  };
}

// Markers for the values that differ between recipients. Random per process, so no text a
// user types can contain one; letters and digits only, so neither React nor html-to-text
// changes them.
const markerNonce = randomBytes(8).toString("hex");
const markerPattern = new RegExp(`fislot([a-zA-Z]+)x${markerNonce}`, "g");
const marker = (name: string) => `fislot${name}x${markerNonce}`;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);

/**
 * True when `value` reads the same in plain text whether html-to-text derived it from HTML or
 * it was put in as is: no runs of white space (html-to-text folds them) and no control or
 * format characters. Other values take the full render.
 */
export function fillsAsIs(value: string): boolean {
  return !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[^\S ]|^ | $|  /u.test(value);
}

const SHELL_CACHE_SIZE = 32;
const shells = new Map<string, Promise<RenderedEmail>>();

/**
 * Bulk mail: renders the email once for everything its recipients share, with markers where
 * each one's own values go (`slot(name)`), and fills them in per recipient. The result is the
 * same as rendering each email whole (a unit test holds the two side by side), at the cost of
 * two string replacements instead of a React render and an HTML-to-text pass.
 *
 * `key` must name everything the element depends on besides the slots. Slot values must pass
 * `fillsAsIs`; callers render whole when one does not.
 */
export async function renderFilled(key: string, element: (slot: (name: string) => string) => ReactElement, values: Record<string, string>): Promise<RenderedEmail> {
  let shell = shells.get(key);
  if (!shell) {
    shell = renderEmail(element(marker));
    shells.set(key, shell);
    shell.catch(() => shells.delete(key));
    if (shells.size > SHELL_CACHE_SIZE) shells.delete(shells.keys().next().value!);
  }
  const { html, text } = await shell;
  const fill = (escape: (value: string) => string) => (_: string, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`renderFilled: no value for slot ${name}`);
    return escape(value);
  };
  return { html: html.replace(markerPattern, fill(escapeHtml)), text: text.replace(markerPattern, fill((v) => v)) };
}
