import { render } from "@react-email/render";
import { createElement } from "react";
import { templates, type TemplateSlug } from "@/emails";

export function isTemplateSlug(slug: string): slug is TemplateSlug {
  return Object.hasOwn(templates, slug);
}

/** A template rendered with its PreviewProps, as the preview page shows it. */
export async function renderPreview(slug: TemplateSlug) {
  const { Component, subject } = templates[slug];
  const props = Component.PreviewProps;
  const element = createElement(Component, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: subject(props), html, text };
}
