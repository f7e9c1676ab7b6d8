import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, users, type OutboxRow } from "@/db/schema";
import type { CohostInvitationEmailProps } from "@/emails/CohostInvitationEmail";
import { findCohost } from "@/lib/events/cohosts";
import { hostDisplayName } from "@/lib/hosts";
import { emailEventOf, renderTemplate } from "./render";

type Base = { from: string; to: string; messageId: string };

/**
 * The email to a new co-host, from the event as it is now. Null when the event is gone or the
 * host took the person off its co-hosts before it went: it would invite them to nothing.
 */
export async function composeCohostInvitation(db: Db, row: OutboxRow, base: Base, appUrl: string) {
  const emailKey = String(row.payload.emailKey ?? "");
  if (!row.eventId || !emailKey || !findCohost(db, row.eventId, emailKey)) return null;
  const found = db
    .select({ event: events, host: { name: users.name, email: users.email } })
    .from(events)
    .innerJoin(users, eq(users.id, events.hostId))
    .where(eq(events.id, row.eventId))
    .get();
  if (!found) return null;
  const { event, host } = found;
  const props: CohostInvitationEmailProps = {
    hostName: hostDisplayName(host),
    email: row.toAddress,
    event: { ...emailEventOf(event), description: "" },
    eventUrl: `${appUrl}/events/${event.id}`,
  };
  // Questions about the event go to the host who shared it.
  return { ...base, replyTo: host.email ?? undefined, ...(await renderTemplate("cohost-invitation", props)) };
}
