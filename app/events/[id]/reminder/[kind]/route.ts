import { createElement } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import ReminderEmail from "@/emails/ReminderEmail";
import { requireHost } from "@/lib/auth";
import { sandboxedHtmlHeaders } from "@/lib/devtools";
import { appUrl } from "@/lib/env";
import { findHostEvent } from "@/lib/events/events";
import { reminderEmailProps } from "@/lib/mail/compose";
import { renderEmail } from "@/lib/mail/render";

/** The host's preview of a reminder as guests will get it, addressed to a sample guest. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const host = await requireHost();
  const { id, kind } = await params;
  if (kind !== "unanswered" && kind !== "attendee") notFound();
  const db = getDb();
  const event = findHostEvent(db, host.id, id);
  if (!event) notFound();
  const guest = { name: "Ada", token: "preview", answer: kind === "attendee" ? ("yes" as const) : null };
  const props = reminderEmailProps({ event, host, guest, kind, appUrl: appUrl() });
  const { html } = await renderEmail(createElement(ReminderEmail, props));
  return new Response(html, { headers: sandboxedHtmlHeaders });
}
