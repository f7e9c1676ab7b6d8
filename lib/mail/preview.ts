import { templates, type TemplateSlug } from "@/emails";
import { renderTemplate } from "./render";

export function isTemplateSlug(slug: string): slug is TemplateSlug {
  return Object.hasOwn(templates, slug);
}

/** A template rendered with its PreviewProps, as the preview page shows it. */
export function renderPreview(slug: TemplateSlug) {
  return renderTemplate(slug, templates[slug].Component.PreviewProps);
}
