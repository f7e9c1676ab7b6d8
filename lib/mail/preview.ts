import { createElement } from "react";
import { templates, type TemplateSlug } from "@/emails";
import { renderEmail } from "./render";

export function isTemplateSlug(slug: string): slug is TemplateSlug {
  return Object.hasOwn(templates, slug);
}

/** A template rendered with its PreviewProps, as the preview page shows it. */
export async function renderPreview(slug: TemplateSlug) {
  const { Component, subject } = templates[slug];
  const props = Component.PreviewProps;
  return { subject: subject(props), ...(await renderEmail(createElement(Component, props))) };
}
