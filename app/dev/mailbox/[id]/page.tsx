import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ViewTabs } from "@/components/ViewTabs";
import { requireDevTools } from "@/lib/devtools";
import { env } from "@/lib/env";
import { readMailboxMessage } from "@/lib/relay/mailbox";

export const metadata: Metadata = { title: "Message" };

const VIEWS: [string, string][] = [
  ["html", "HTML"],
  ["text", "Plain text"],
  ["raw", "Source"],
];

/** Links in the plain-text view, made clickable so a developer can follow them. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"')\]]+)/g);
  return (
    <pre className="card overflow-x-auto text-sm whitespace-pre-wrap" data-testid="message-text">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="btn-link">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export default async function MessagePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ view?: string }> }) {
  requireDevTools();
  const { id } = await params;
  const { view = "html" } = await searchParams;
  const message = /^\d+$/.test(id) ? await readMailboxMessage(env().RELAY_DB, Number(id)) : null;
  if (!message) notFound();
  const current = message.html || view !== "html" ? view : "text";
  return (
    <div className="space-y-4">
      <Link href="/dev/mailbox" className="btn-link">
        ← Mailbox
      </Link>
      <dl className="card grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
        <dt className="text-gray-500">Subject</dt>
        <dd className="font-medium" data-testid="message-subject">
          {message.subject}
        </dd>
        <dt className="text-gray-500">From</dt>
        <dd>{message.from}</dd>
        <dt className="text-gray-500">To</dt>
        <dd>{message.to}</dd>
        <dt className="text-gray-500">Received</dt>
        <dd>{message.receivedAt.toISOString()}</dd>
        {message.attachments.length ? (
          <>
            <dt className="text-gray-500">Attached</dt>
            <dd>{message.attachments.map((a) => `${a.filename} (${a.contentType})`).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <ViewTabs base={`/dev/mailbox/${message.id}`} current={current} views={VIEWS} />
      {current === "html" && message.html ? (
        <iframe title="Message HTML" src={`/dev/mailbox/${message.id}/html`} className="h-[70vh] w-full rounded-lg border border-gray-200 bg-white" />
      ) : current === "raw" ? (
        <pre className="card overflow-x-auto text-xs whitespace-pre-wrap" data-testid="message-raw">
          {message.raw}
        </pre>
      ) : (
        <LinkedText text={message.text} />
      )}
    </div>
  );
}
