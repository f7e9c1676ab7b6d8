import { Heading, Link, Text } from "@react-email/components";
import { AnswerButtons, EmailLayout, EventDetails, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type InvitationEmailProps = {
  guestName: string;
  hostName: string;
  event: EmailEvent;
  deadline: string | null;
  rsvpUrl: string;
  unsubscribeUrl: string;
};

export const invitationSubject = (p: InvitationEmailProps) => `${p.hostName} invites you: ${p.event.title}`;

export default function InvitationEmail({ guestName, hostName, event, deadline, rsvpUrl, unsubscribeUrl }: InvitationEmailProps) {
  return (
    <EmailLayout
      preview={`${hostName} invites you to ${event.title}`}
      footer={
        <>
          This link is personal: anyone with it can answer for you. No more emails about this event:{" "}
          <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
        </>
      }
    >
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        You're invited{guestName ? `, ${guestName}` : ""}!
      </Heading>
      <Text style={text}>{hostName} would love to see you at:</Text>
      <EventDetails event={event} />
      <Text style={text}>Will you come?{deadline ? ` Please answer by ${deadline}.` : ""}</Text>
      <AnswerButtons rsvpUrl={rsvpUrl} />
      <Text style={muted}>
        Each button opens your invitation with that answer ready; nothing is saved until you confirm there. Your invitation:{" "}
        <Link href={rsvpUrl}>{rsvpUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  guestName: "Ada <script>alert(1)</script>",
  hostName: "Grace",
  event: previewEvent,
  deadline: "Fri 18 Dec 2026, 18:00 CET",
  rsvpUrl: "http://localhost:3000/i/preview-token-0000000000000000000",
  unsubscribeUrl: "http://localhost:3000/u/preview-token-0000000000000000000",
} satisfies InvitationEmailProps;
