import { Heading, Link, Text } from "@react-email/components";
import { EmailLayout, EventDetails, Lines, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type GuestMessageEmailProps = {
  guestName: string;
  hostName: string;
  /** What the host wrote, as plain text: a one-line subject and a body with its line breaks. */
  subject: string;
  body: string;
  event: EmailEvent;
  rsvpUrl: string;
  unsubscribeUrl: string;
};

// The event's title goes with the host's subject: a bare "Parking" says nothing in an inbox.
export const guestMessageSubject = (p: GuestMessageEmailProps) => `${p.subject} — ${p.event.title}`;

export default function GuestMessageEmail({ guestName, hostName, subject, body, event, rsvpUrl, unsubscribeUrl }: GuestMessageEmailProps) {
  return (
    <EmailLayout
      preview={`${hostName}: ${subject}`}
      footer={
        <>
          A message from {hostName} to the guests of {event.title}. No more emails about this event: <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
        </>
      }
    >
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {subject}
      </Heading>
      <Text style={muted}>
        {guestName ? `${guestName}, ` : ""}
        {hostName} wrote to the guests of {event.title}:
      </Text>
      <Text style={text}>
        <Lines text={body} />
      </Text>
      <EventDetails event={{ ...event, description: "" }} />
      <Text style={muted}>
        Your invitation and answer: <Link href={rsvpUrl}>{rsvpUrl}</Link>
      </Text>
      <Text style={muted}>Replying to this email reaches {hostName}.</Text>
    </EmailLayout>
  );
}

GuestMessageEmail.PreviewProps = {
  guestName: "Ada",
  hostName: "Grace",
  subject: "Parking & the <back> gate",
  body: "The street will be closed on the night.\nPark behind the school and come in through the back gate — it's open from 18:30.",
  event: previewEvent,
  rsvpUrl: "http://localhost:3000/i/preview-token-0000000000000000000",
  unsubscribeUrl: "http://localhost:3000/u/preview-token-0000000000000000000",
} satisfies GuestMessageEmailProps;
