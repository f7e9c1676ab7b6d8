import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { icsResponse } from "@/lib/calendar/response";
import { appUrl } from "@/lib/env";
import { findInvitation } from "@/lib/rsvp/rsvp";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = findInvitation(getDb(), token);
  if (!invitation) notFound();
  return icsResponse(invitation.event, `${appUrl()}/i/${token}`);
}
