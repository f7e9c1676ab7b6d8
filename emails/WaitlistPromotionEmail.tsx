import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, EventDetails, button, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type WaitlistPromotionEmailProps = { guestName: string; hostName: string; event: EmailEvent; plusOnes: number; rsvpUrl: string; googleCalendarUrl: string };

export const waitlistPromotionSubject = (p: WaitlistPromotionEmailProps) => `A place opened up: you're going to ${p.event.title}`;

export default function WaitlistPromotionEmail({ guestName, hostName, event, plusOnes, rsvpUrl, googleCalendarUrl }: WaitlistPromotionEmailProps) {
  return (
    <EmailLayout preview={`You're off the waitlist for ${event.title}`}>
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        You&apos;re going{guestName ? `, ${guestName}` : ""}!
      </Heading>
      <Text style={text}>
        A place opened up at {hostName}&apos;s event and it is yours{plusOnes > 0 ? `, with room for the ${plusOnes === 1 ? "person" : `${plusOnes} people`} you bring` : ""}.
      </Text>
      <EventDetails event={event} />
      <Text style={text}>
        The attached calendar file adds the event to your calendar, or use <Link href={googleCalendarUrl}>Google Calendar</Link>.
      </Text>
      <Section style={{ margin: "16px 0" }}>
        <Button href={rsvpUrl} style={button}>
          Can&apos;t come after all?
        </Button>
      </Section>
      <Text style={muted}>Your invitation: {rsvpUrl}</Text>
    </EmailLayout>
  );
}

WaitlistPromotionEmail.PreviewProps = {
  guestName: "Ada",
  hostName: "Grace",
  event: previewEvent,
  plusOnes: 1,
  rsvpUrl: "http://localhost:3000/i/preview-token-0000000000000000000",
  googleCalendarUrl: "https://calendar.google.com/calendar/render?action=TEMPLATE",
} satisfies WaitlistPromotionEmailProps;
