import { Button, Heading, Link, Section, Text } from "@react-email/components";
import type { RsvpAnswer } from "@/db/schema";
import { EmailLayout, Lines, EventDetails, button, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type RsvpConfirmationEmailProps = {
  guestName: string;
  hostName: string;
  answer: RsvpAnswer;
  note: string;
  event: EmailEvent;
  rsvpUrl: string;
  googleCalendarUrl: string;
};

const headline: Record<RsvpAnswer, string> = {
  yes: "You're going",
  no: "You're not going",
  maybe: "You might go",
};

export const rsvpConfirmationSubject = (p: RsvpConfirmationEmailProps) => `${headline[p.answer]}: ${p.event.title}`;

export default function RsvpConfirmationEmail({ guestName, hostName, answer, note, event, rsvpUrl, googleCalendarUrl }: RsvpConfirmationEmailProps) {
  return (
    <EmailLayout preview={`${headline[answer]} — ${event.title}`}>
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {headline[answer]}
        {guestName ? `, ${guestName}` : ""}
      </Heading>
      <Text style={text}>We told {hostName} your answer.</Text>
      {note ? (
        <Text style={{ ...text, fontStyle: "italic" }}>
          Your note: <Lines text={note} />
        </Text>
      ) : null}
      <EventDetails event={event} />
      {answer !== "no" ? (
        <Text style={text}>
          The attached calendar file adds the event to your calendar, or use{" "}
          <Link href={googleCalendarUrl}>Google Calendar</Link>.
        </Text>
      ) : null}
      <Section style={{ margin: "16px 0" }}>
        <Button href={rsvpUrl} style={button}>
          Change my answer
        </Button>
      </Section>
      <Text style={muted}>Your invitation: {rsvpUrl}</Text>
    </EmailLayout>
  );
}

RsvpConfirmationEmail.PreviewProps = {
  guestName: "Ada",
  hostName: "Grace",
  answer: "yes",
  note: "I'll bring a <tart> & some \"cider\".",
  event: previewEvent,
  rsvpUrl: "http://localhost:3000/i/preview-token-0000000000000000000",
  googleCalendarUrl: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Winter+solstice+dinner",
} satisfies RsvpConfirmationEmailProps;
