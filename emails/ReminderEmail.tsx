import { Heading, Link, Text } from "@react-email/components";
import { AnswerButtons, EmailLayout, EventDetails, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type ReminderEmailProps = {
  guestName: string;
  hostName: string;
  event: EmailEvent;
  /** unanswered: before the RSVP deadline, to guests who have not answered; attendee: before the start, to Yes and Maybe. */
  reminder: "unanswered" | "attendee";
  /** The guest's answer, for an attendee reminder. */
  answer: "yes" | "maybe" | null;
  deadline: string | null;
  rsvpUrl: string;
  unsubscribeUrl: string;
};

export const reminderSubject = (p: ReminderEmailProps) => (p.reminder === "unanswered" ? `Will you come? ${p.event.title}` : `Coming up: ${p.event.title}`);

export default function ReminderEmail({ guestName, hostName, event, reminder, answer, deadline, rsvpUrl, unsubscribeUrl }: ReminderEmailProps) {
  const greeting = guestName ? `${guestName}, ` : "";
  return (
    <EmailLayout
      preview={reminder === "unanswered" ? `${hostName} is waiting for your answer` : `${event.title}: ${event.when}`}
      footer={
        <>
          A reminder from {hostName}, sent once. No more emails about this event: <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
        </>
      }
    >
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {reminder === "unanswered" ? "Will you come?" : `See you ${answer === "maybe" ? "there, perhaps" : "soon"}!`}
      </Heading>
      <Text style={text}>
        {reminder === "unanswered"
          ? `${greeting}${hostName} has not had your answer yet${deadline ? `; answers close ${deadline}` : ""}.`
          : `${greeting}you said ${answer === "maybe" ? "maybe" : "yes"} to ${hostName}'s event. A reminder of when and where:`}
      </Text>
      <EventDetails event={{ ...event, description: reminder === "unanswered" ? event.description : "" }} />
      {reminder === "unanswered" ? <AnswerButtons rsvpUrl={rsvpUrl} /> : null}
      <Text style={muted}>
        {reminder === "unanswered" ? "Your invitation" : "Plans changed? Update your answer"}: <Link href={rsvpUrl}>{rsvpUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

ReminderEmail.PreviewProps = {
  guestName: "Ada",
  hostName: "Grace",
  event: previewEvent,
  reminder: "unanswered",
  answer: null,
  deadline: "Fri 18 Dec 2026, 18:00 CET",
  rsvpUrl: "http://localhost:3000/i/preview-token-0000000000000000000",
  unsubscribeUrl: "http://localhost:3000/u/preview-token-0000000000000000000",
} satisfies ReminderEmailProps;
