import { Heading, Link, Text } from "@react-email/components";
import { AnswerButtons, EmailLayout, EventDetails, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type EventChangeEmailProps = {
  guestName: string;
  hostName: string;
  event: EmailEvent;
  changes: { what: string; from: string; to: string }[];
  /** The date moved after this guest said yes: ask them to confirm again. */
  reconfirm: boolean;
  rsvpUrl: string;
  unsubscribeUrl: string;
};

export const eventChangeSubject = (p: EventChangeEmailProps) => (p.reconfirm ? `Please confirm again: ${p.event.title} has moved` : `Changed: ${p.event.title}`);

export default function EventChangeEmail({ guestName, hostName, event, changes, reconfirm, rsvpUrl, unsubscribeUrl }: EventChangeEmailProps) {
  return (
    <EmailLayout
      preview={`${hostName} changed ${event.title}`}
      footer={
        <>
          The attached calendar file updates the event in your calendar. No more emails about this event: <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
        </>
      }
    >
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {event.title} has changed
      </Heading>
      <Text style={text}>
        {guestName ? `${guestName}, ` : ""}
        {hostName} changed the event:
      </Text>
      {changes.map((c) => (
        <Text key={c.what} style={text}>
          <strong>{c.what}:</strong> {c.to} <span style={{ color: "#6b7280" }}>(was {c.from})</span>
        </Text>
      ))}
      <EventDetails event={{ ...event, description: "" }} />
      {reconfirm ? (
        <>
          <Text style={text}>You said yes to the old date. Can you still come?</Text>
          <AnswerButtons rsvpUrl={rsvpUrl} />
        </>
      ) : null}
      <Text style={muted}>
        Your invitation: <Link href={rsvpUrl}>{rsvpUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

EventChangeEmail.PreviewProps = {
  guestName: "Ada",
  hostName: "Grace",
  event: previewEvent,
  changes: [
    { what: "When", from: "Mon 21 Dec 2026, 19:00 – 23:00 CET (Europe/Paris)", to: "Tue 22 Dec 2026, 19:00 – 23:00 CET (Europe/Paris)" },
    { what: "Where", from: "12 Rue des Lilas, Paris", to: "The <big> hall, 3 Rue Oberkampf" },
  ],
  reconfirm: true,
  rsvpUrl: "http://localhost:3000/i/preview-token-0000000000000000000",
  unsubscribeUrl: "http://localhost:3000/u/preview-token-0000000000000000000",
} satisfies EventChangeEmailProps;
