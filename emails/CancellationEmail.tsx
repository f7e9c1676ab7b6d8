import { Heading, Text } from "@react-email/components";
import { EmailLayout, EventDetails, Lines, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type CancellationEmailProps = { guestName: string; hostName: string; message: string; event: EmailEvent };

export const cancellationSubject = (p: CancellationEmailProps) => `Cancelled: ${p.event.title}`;

export default function CancellationEmail({ guestName, hostName, message, event }: CancellationEmailProps) {
  return (
    <EmailLayout preview={`${event.title} is cancelled`} footer="The attached calendar file removes the event from your calendar.">
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {event.title} is cancelled
      </Heading>
      <Text style={text}>
        {guestName ? `${guestName}, ` : ""}
        {hostName} has cancelled this event.
      </Text>
      {message ? (
        <Text style={{ ...text, fontStyle: "italic" }}>
          “<Lines text={message} />”
        </Text>
      ) : null}
      <EventDetails event={{ ...event, description: "" }} />
      <Text style={muted}>Nothing else to do: your invitation link now shows the cancellation.</Text>
    </EmailLayout>
  );
}

CancellationEmail.PreviewProps = {
  guestName: "Ada",
  hostName: "Grace",
  message: "The venue flooded <sorry>.\nWe'll find a new date in January.",
  event: previewEvent,
} satisfies CancellationEmailProps;
