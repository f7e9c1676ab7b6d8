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
  /** A Yes that waits for a place: the event was full. */
  waitlisted?: boolean;
  /** People the guest brings. */
  plusOnes?: number;
};

const headline: Record<RsvpAnswer, string> = {
  yes: "You're going",
  no: "You're not going",
  maybe: "You might go",
};

const headlineOf = (p: Pick<RsvpConfirmationEmailProps, "answer" | "waitlisted">) => (p.answer === "yes" && p.waitlisted ? "You're on the waitlist" : headline[p.answer]);

export const rsvpConfirmationSubject = (p: RsvpConfirmationEmailProps) => `${headlineOf(p)}: ${p.event.title}`;

export default function RsvpConfirmationEmail({ guestName, hostName, answer, note, event, rsvpUrl, googleCalendarUrl, waitlisted = false, plusOnes = 0 }: RsvpConfirmationEmailProps) {
  const title = headlineOf({ answer, waitlisted });
  return (
    <EmailLayout preview={`${title} — ${event.title}`}>
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {title}
        {guestName ? `, ${guestName}` : ""}
      </Heading>
      <Text style={text}>
        We told {hostName} your answer
        {answer !== "no" && plusOnes > 0 ? `, and that you bring ${plusOnes} ${plusOnes === 1 ? "person" : "people"}` : ""}.
        {waitlisted ? " The event is full: if a place opens up, it is yours automatically and we email you." : ""}
      </Text>
      {note ? (
        <Text style={{ ...text, fontStyle: "italic" }}>
          Your note: <Lines text={note} />
        </Text>
      ) : null}
      <EventDetails event={event} />
      {answer !== "no" && !waitlisted ? (
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
