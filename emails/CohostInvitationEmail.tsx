import { Button, Heading, Section, Text } from "@react-email/components";
import { EmailLayout, EventDetails, button, muted, previewEvent, text, type EmailEvent } from "./components/Layout";

export type CohostInvitationEmailProps = { hostName: string; email: string; event: EmailEvent; eventUrl: string };

export const cohostInvitationSubject = (p: CohostInvitationEmailProps) => `${p.hostName} added you as a co-host: ${p.event.title}`;

export default function CohostInvitationEmail({ hostName, email, event, eventUrl }: CohostInvitationEmailProps) {
  return (
    <EmailLayout preview={`Manage ${event.title} with ${hostName}`} footer="If you do not know this event, ignore this email: nothing is shared until you sign in with this address.">
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        {hostName} added you as a co-host
      </Heading>
      <Text style={text}>
        You can edit the event, add guests, send the invitations and follow the answers. Only {hostName} can delete the event or change its co-hosts.
      </Text>
      <EventDetails event={{ ...event, description: "" }} />
      <Section style={{ margin: "16px 0" }}>
        <Button href={eventUrl} style={button}>
          Open the event
        </Button>
      </Section>
      {/* No account to create and no password: the sign-in form emails a link to this address. */}
      <Text style={muted}>
        To open it, sign in with this email address, {email}: we email you a sign-in link. The event is also on your list of events once you are signed in.
      </Text>
      <Text style={muted}>Or paste this address into your browser: {eventUrl}</Text>
    </EmailLayout>
  );
}

CohostInvitationEmail.PreviewProps = {
  hostName: "Grace <b>Hopper</b>",
  email: "ada@example.org",
  event: previewEvent,
  eventUrl: "http://localhost:3000/events/preview",
} satisfies CohostInvitationEmailProps;
