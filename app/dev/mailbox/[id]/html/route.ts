import { notFound } from "next/navigation";
import { requireDevTools, sandboxedHtmlHeaders } from "@/lib/devtools";
import { env } from "@/lib/env";
import { readMailboxMessage } from "@/lib/relay/mailbox";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  requireDevTools();
  const { id } = await params;
  const message = /^\d+$/.test(id) ? await readMailboxMessage(env().RELAY_DB, Number(id)) : null;
  if (!message?.html) notFound();
  return new Response(message.html, { headers: sandboxedHtmlHeaders });
}
