import { Button, Heading, Section, Text } from "@react-email/components";
import type { RsvpAnswer } from "@/db/schema";
import { EmailLayout, Lines, button, muted, text } from "./components/Layout";

export type NewAnswerEmailProps = {
  guestName: string;
  guestEmail: string;
  answer: RsvpAnswer;
  previousAnswer: RsvpAnswer | null;
  note: string;
  eventTitle: string;
  eventUrl: string;
};

const said: Record<RsvpAnswer, string> = { yes: "Yes", no: "No", maybe: "Maybe" };

export const newAnswerSubject = (p: NewAnswerEmailProps) => `${p.guestName || p.guestEmail} answered ${said[p.answer]}: ${p.eventTitle}`;

export default function NewAnswerEmail({ guestName, guestEmail, answer, previousAnswer, note, eventTitle, eventUrl }: NewAnswerEmailProps) {
  const who = guestName || guestEmail;
  return (
    <EmailLayout preview={`${who} answered ${said[answer]}`} footer="You can turn these emails off in the event's settings.">
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {who} answered {said[answer]}
      </Heading>
      <Text style={text}>
        For {eventTitle}
        {previousAnswer && previousAnswer !== answer ? ` (was ${said[previousAnswer]})` : ""}.
      </Text>
      {note ? (
        <Text style={{ ...text, fontStyle: "italic" }}>
          “<Lines text={note} />”
        </Text>
      ) : null}
      <Text style={muted}>{guestName ? `${guestName} · ${guestEmail}` : guestEmail}</Text>
      <Section style={{ margin: "16px 0" }}>
        <Button href={eventUrl} style={button}>
          See all answers
        </Button>
      </Section>
    </EmailLayout>
  );
}

NewAnswerEmail.PreviewProps = {
  guestName: "Ada </p><img src=x onerror=alert(1)>",
  guestEmail: "ada@example.org",
  answer: "maybe",
  previousAnswer: "no",
  note: "Depends on the trains.\nWill confirm Friday.",
  eventTitle: "Winter solstice dinner",
  eventUrl: "http://localhost:3000/events/preview",
} satisfies NewAnswerEmailProps;
