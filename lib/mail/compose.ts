import { eq } from "drizzle-orm";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { events, guests, users, type Event, type OutboxRow, type RsvpAnswer } from "@/db/schema";
import { templates } from "@/emails";
import InvitationEmail, { type InvitationEmailProps } from "@/emails/InvitationEmail";
import type { ReminderEmailProps } from "@/emails/ReminderEmail";
import { eventIcs, googleCalendarUrl, icsFileName } from "@/lib/calendar/ics";
import { formatInZone } from "@/lib/events/time";
import { unsubscribePath } from "@/lib/guests/unsubscribe";
import { hostDisplayName } from "@/lib/hosts";
import { composeCohostInvitation } from "./compose-cohost";
import { emailEventOf, fillsAsIs, renderFilled, renderTemplate } from "./render";

export type ComposedMail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  headers?: Record<string, string>;
  /** Replies go to a person: the host for guests' mail, the guest for the host's. */
  replyTo?: string;
};

export type ComposeContext = { appUrl: string; mailFrom: string; siteName?: string };

/** Stable per outbox row, so a retried hand-over carries the same Message-ID. */
export function outboxMessageId(row: Pick<OutboxRow, "id" | "createdAt">, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? "fastinviter.invalid";
  return `<fi.${row.id}.${row.createdAt.getTime().toString(36)}@${domain}>`;
}

/** RFC 8058: mail clients offer their own unsubscribe button and POST to the link. */
const unsubscribeHeaders = (url: string) => ({ "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });

/**
 * "Grace via FastInviter <invites@…>": the person's name on our address. The name is quoted
 * whole, so nothing in it can add a recipient or a header.
 */
export function fromOnBehalfOf(personName: string, mailFrom: string): string {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  const site = match?.[1].trim() || "FastInviter";
  const address = match?.[2] ?? mailFrom.trim();
  const name = `${personName} via ${site}`.replace(/[\u0000-\u001F\u007F]/g, " ").replace(/[\\"]/g, (c) => `\\${c}`);
  return `"${name}" <${address}>`;
}

type SharedInvitation = Omit<InvitationEmailProps, "guestName" | "rsvpUrl" | "unsubscribeUrl"> & { appUrl: string };

/**
 * An event's invitations differ only in the guest's name and token: the email is rendered once
 * per event (as it is now) and filled in per guest, unless the name needs the full render.
 */
async function renderInvitation(guest: { name: string; token: string }, shared: SharedInvitation) {
  const { appUrl, ...common } = shared;
  const props = (guestName: string, token: string): InvitationEmailProps => ({
    ...common,
    guestName,
    rsvpUrl: `${appUrl}/i/${token}`,
    unsubscribeUrl: `${appUrl}${unsubscribePath(token)}`,
  });
  const subject = templates.invitation.subject(props(guest.name, guest.token));
  if (!fillsAsIs(guest.name)) return renderTemplate("invitation", props(guest.name, guest.token));
  const key = JSON.stringify(["invitation", shared, guest.name !== ""]);
  const body = await renderFilled(key, (slot) => createElement(InvitationEmail, props(guest.name && slot("guestName"), slot("token"))), {
    guestName: guest.name,
    token: guest.token,
  });
  return { subject, ...body };
}

/** A reminder's content, for the email and for the host's preview of it. */
export function reminderEmailProps(input: {
  event: Parameters<typeof emailEventOf>[0] & Pick<Event, "rsvpDeadline">;
  host: { name: string | null; email: string | null };
  guest: { name: string; token: string; answer: RsvpAnswer | null };
  kind: "unanswered" | "attendee";
  appUrl: string;
}): ReminderEmailProps {
  const { event, guest, appUrl } = input;
  return {
    guestName: guest.name,
    hostName: hostDisplayName(input.host),
    event: emailEventOf(event),
    reminder: input.kind,
    answer: guest.answer === "no" ? null : guest.answer,
    deadline: event.rsvpDeadline ? formatInZone(event.rsvpDeadline, event.timeZone) : null,
    rsvpUrl: `${appUrl}/i/${guest.token}`,
    unsubscribeUrl: `${appUrl}${unsubscribePath(guest.token)}`,
  };
}

function loadGuestContext(db: Db, guestId: string) {
  return (
    db
      .select({ guest: guests, event: events, host: { name: users.name, email: users.email } })
      .from(guests)
      .innerJoin(events, eq(events.id, guests.eventId))
      .innerJoin(users, eq(users.id, events.hostId))
      .where(eq(guests.id, guestId))
      .get() ?? null
  );
}

/**
 * Turns an outbox row into the message to hand over, reading the event and guest as they are
 * now. Null when what it was about no longer exists.
 */
export async function composeMail(db: Db, row: OutboxRow, ctx: ComposeContext): Promise<ComposedMail | null> {
  const base = { from: ctx.mailFrom, to: row.toAddress, messageId: outboxMessageId(row, ctx.mailFrom) };
  if (row.kind === "signin") {
    const url = String(row.payload.url ?? "");
    if (!url) return null;
    return { ...base, ...(await renderTemplate("sign-in", { url, siteName: ctx.siteName ?? "FastInviter" })) };
  }
  // About an event, not a guest: it goes before the guest is looked up.
  if (row.kind === "cohost_invitation") return composeCohostInvitation(db, row, base, ctx.appUrl);
  if (!row.guestId) return null;
  const found = loadGuestContext(db, row.guestId);
  if (!found) return null;
  const { guest, event, host } = found;
  const rsvpUrl = `${ctx.appUrl}/i/${guest.token}`;
  const emailEvent = emailEventOf(event);
  const toGuest = { ...base, replyTo: host.email ?? undefined };
  const answer = (row.payload.answer ?? guest.answer ?? "yes") as RsvpAnswer;
  const note = String(row.payload.note ?? "");
  const unsubscribeUrl = `${ctx.appUrl}${unsubscribePath(guest.token)}`;

  switch (row.kind) {
    case "invitation": {
      const mail = await renderInvitation(guest, {
        hostName: hostDisplayName(host),
        event: emailEvent,
        deadline: event.rsvpDeadline ? formatInZone(event.rsvpDeadline, event.timeZone) : null,
        appUrl: ctx.appUrl,
      });
      return { ...toGuest, ...mail, headers: unsubscribeHeaders(unsubscribeUrl) };
    }
    case "rsvp_confirmation": {
      const mail = await renderTemplate("rsvp-confirmation", {
        guestName: guest.name,
        hostName: hostDisplayName(host),
        answer,
        note,
        event: emailEvent,
        rsvpUrl,
        googleCalendarUrl: googleCalendarUrl(event, rsvpUrl),
        waitlisted: row.payload.waitlisted === true,
        plusOnes: Number(row.payload.plusOnes ?? 0),
      });
      const waitlisted = row.payload.waitlisted === true;
      const attachments =
        answer === "no" || waitlisted
          ? undefined
          : [{ filename: icsFileName(event.title), content: eventIcs(event, { url: rsvpUrl }), contentType: "text/calendar; charset=utf-8; method=PUBLISH" }];
      return { ...toGuest, ...mail, attachments };
    }
    case "cancellation": {
      const mail = await renderTemplate("cancellation", { guestName: guest.name, hostName: hostDisplayName(host), message: event.cancelMessage, event: emailEvent });
      const ics = eventIcs(event, { url: rsvpUrl, method: "CANCEL" });
      const attachments = [{ filename: icsFileName(event.title), content: ics, contentType: "text/calendar; charset=utf-8; method=CANCEL" }];
      return { ...toGuest, ...mail, attachments };
    }
    case "event_change": {
      const mail = await renderTemplate("event-change", {
        guestName: guest.name,
        hostName: hostDisplayName(host),
        event: emailEvent,
        changes: Array.isArray(row.payload.changes) ? row.payload.changes : [],
        reconfirm: row.payload.reconfirm === true,
        rsvpUrl,
        unsubscribeUrl,
      });
      const attachments = [{ filename: icsFileName(event.title), content: eventIcs(event, { url: rsvpUrl }), contentType: "text/calendar; charset=utf-8; method=PUBLISH" }];
      return { ...toGuest, ...mail, attachments, headers: unsubscribeHeaders(unsubscribeUrl) };
    }
    case "reminder": {
      const mail = await renderTemplate("reminder", reminderEmailProps({ event, host, guest, kind: row.payload.reminder === "attendee" ? "attendee" : "unanswered", appUrl: ctx.appUrl }));
      return { ...toGuest, ...mail, headers: unsubscribeHeaders(unsubscribeUrl) };
    }
    case "waitlist_promotion": {
      const mail = await renderTemplate("waitlist-promotion", {
        guestName: guest.name,
        hostName: hostDisplayName(host),
        event: emailEvent,
        plusOnes: guest.plusOnes,
        rsvpUrl,
        googleCalendarUrl: googleCalendarUrl(event, rsvpUrl),
      });
      const attachments = [{ filename: icsFileName(event.title), content: eventIcs(event, { url: rsvpUrl }), contentType: "text/calendar; charset=utf-8; method=PUBLISH" }];
      return { ...toGuest, ...mail, attachments };
    }
    case "message": {
      const hostName = hostDisplayName(host);
      const mail = await renderTemplate("message", {
        guestName: guest.name,
        hostName,
        subject: String(row.payload.subject ?? ""),
        body: String(row.payload.body ?? ""),
        event: emailEvent,
        rsvpUrl,
        unsubscribeUrl,
      });
      // The host wrote it, so their name is on it; the address stays ours (SPF, DKIM, DMARC).
      return { ...toGuest, ...mail, from: fromOnBehalfOf(hostName, ctx.mailFrom), headers: unsubscribeHeaders(unsubscribeUrl) };
    }
    case "host_notification":
      return {
        ...base,
        replyTo: guest.email,
        ...(await renderTemplate("new-answer", {
          guestName: guest.name,
          guestEmail: guest.email,
          answer,
          previousAnswer: (row.payload.previousAnswer as RsvpAnswer | null) ?? null,
          note,
          eventTitle: event.title,
          eventUrl: `${ctx.appUrl}/events/${event.id}`,
        })),
      };
    default:
      // A kind this version cannot write (queued by a newer one): left to fail visibly, not guessed at.
      return null;
  }
}
