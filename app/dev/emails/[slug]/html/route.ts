import { notFound } from "next/navigation";
import { requireDevTools, sandboxedHtmlHeaders } from "@/lib/devtools";
import { isTemplateSlug, renderPreview } from "@/lib/mail/preview";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  requireDevTools();
  const { slug } = await params;
  if (!isTemplateSlug(slug)) notFound();
  const { html } = await renderPreview(slug);
  return new Response(html, { headers: sandboxedHtmlHeaders });
}
