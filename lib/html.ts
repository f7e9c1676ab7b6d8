/**
 * HTML by tagged template for the few pages served by route handlers. Every interpolated value
 * is escaped unless it is itself `html`; arrays are joined; null, undefined and false print
 * nothing. So user text can only ever arrive as text.
 */
const markup = Symbol("html");

export type Html = { readonly [markup]: string };

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const isHtml = (value: unknown): value is Html => typeof value === "object" && value !== null && markup in value;

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(piece).join("");
  if (isHtml(value)) return value[markup];
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return { [markup]: out };
}

export const htmlString = (value: Html): string => value[markup];

/** Markup written in our own source (a stylesheet, a script), never anything a user typed. */
export const trustedHtml = (source: string): Html => ({ [markup]: source });
