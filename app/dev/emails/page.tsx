import type { Metadata } from "next";
import Link from "next/link";
import { templates } from "@/emails";
import { requireDevTools } from "@/lib/devtools";

export const metadata: Metadata = { title: "Email templates" };

export default function EmailsPage() {
  requireDevTools();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Email templates</h1>
      <p className="mt-1 mb-4 text-sm text-gray-600">Each template rendered with its preview props, exactly as the sender renders it.</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {Object.entries(templates).map(([slug, t]) => (
          <li key={slug} className="card">
            <Link href={`/dev/emails/${slug}`} className="font-semibold text-brand-700 hover:underline">
              {t.title}
            </Link>
            <p className="mt-1 text-sm text-gray-600">{t.description}</p>
            <p className="mt-1 font-mono text-xs text-gray-400">emails/ · {slug}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
