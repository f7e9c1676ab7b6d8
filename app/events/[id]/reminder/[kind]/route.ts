import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireHost } from "@/lib/auth";
import { sandboxedHtmlHeaders } from "@/lib/devtools";
import { appUrl } from "@/lib/env";
import { findManagedEvent } from "@/lib/events/access";
import { reminderEmailProps } from "@/lib/mail/compose";
import { renderTemplate } from "@/lib/mail/render";

/** The host's preview of a reminder as guests will get it, addressed to a sample guest. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const host = await requireHost();
  const { id, kind } = await params;
  if (kind !== "unanswered" && kind !== "attendee") notFound();
  const db = getDb();
  const managed = findManagedEvent(db, host.id, id);
  if (!managed) notFound();
  const { event } = managed;
  const guest = { name: "Ada", token: "preview", answer: kind === "attendee" ? ("yes" as const) : null };
  // Guests hear from the event's host, also in the preview a co-host opens.
  const props = reminderEmailProps({ event, host: managed.host, guest, kind, appUrl: appUrl() });
  const { html } = await renderTemplate("reminder", props);
  return new Response(html, { headers: sandboxedHtmlHeaders });
}
