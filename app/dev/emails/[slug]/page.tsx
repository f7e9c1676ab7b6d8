import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ViewTabs } from "@/components/ViewTabs";
import { templates } from "@/emails";
import { requireDevTools } from "@/lib/devtools";
import { isTemplateSlug, renderPreview } from "@/lib/mail/preview";

export const metadata: Metadata = { title: "Email preview" };

const WIDTHS = { desktop: "w-full", mobile: "w-[375px]" } as const;

export default async function EmailPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ view?: string; width?: string }>;
}) {
  requireDevTools();
  const { slug } = await params;
  if (!isTemplateSlug(slug)) notFound();
  const query = await searchParams;
  const view = query.view === "text" ? "text" : "html";
  const width = query.width === "mobile" ? "mobile" : "desktop";
  const preview = await renderPreview(slug);
  const base = `/dev/emails/${slug}`;
  return (
    <div className="space-y-4">
      <Link href="/dev/emails" className="btn-link">
        ← All templates
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{templates[slug].title}</h1>
        <p className="text-sm text-gray-600">
          Subject: <span data-testid="preview-subject">{preview.subject}</span>
        </p>
      </div>
      <div className="flex flex-wrap gap-4">
        <ViewTabs base={base} current={view} extra={`&width=${width}`} views={[["html", "HTML"], ["text", "Plain text"]]} />
        {view === "html" ? (
          <nav className="flex gap-1 text-sm" aria-label="Width">
            {(["desktop", "mobile"] as const).map((w) => (
              <Link
                key={w}
                href={`${base}?view=html&width=${w}`}
                aria-current={width === w ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 capitalize ${width === w ? "bg-gray-800 text-white" : "bg-white text-gray-700 ring-1 ring-gray-300"}`}
              >
                {w}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      {view === "html" ? (
        <iframe title={`${templates[slug].title} preview`} src={`${base}/html`} className={`h-[75vh] rounded-lg border border-gray-200 bg-white ${WIDTHS[width]}`} />
      ) : (
        <pre className="card overflow-x-auto text-sm whitespace-pre-wrap" data-testid="preview-text">
          {preview.text}
        </pre>
      )}
    </div>
  );
}
