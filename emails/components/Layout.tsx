import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { Fragment, type ReactNode } from "react";

export const colors = { ink: "#1f2937", muted: "#6b7280", brand: "#4f46e5", line: "#e5e7eb", paper: "#f9fafb" };

export const text = { color: colors.ink, fontSize: "15px", lineHeight: "24px", margin: "0 0 12px", overflowWrap: "anywhere", wordBreak: "break-word" } as const;
export const muted = { ...text, color: colors.muted, fontSize: "13px", lineHeight: "20px" } as const;
export const button = {
  backgroundColor: colors.brand,
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontSize: "15px",
  fontWeight: 600,
  padding: "10px 18px",
  textDecoration: "none",
} as const;

const ghost = { ...button, backgroundColor: "#ffffff", border: `1px solid ${colors.brand}`, color: colors.brand, marginLeft: "8px" };
const choice = (url: string, answer: string) => `${url}?answer=${answer}`;

/** Yes / No / Maybe: each opens the guest's page with that answer ready, saving nothing yet. */
export function AnswerButtons({ rsvpUrl }: { rsvpUrl: string }) {
  return (
    <Section style={{ margin: "16px 0" }}>
      {/* The spaces keep each link apart from the next label in the plain-text version. */}
      <Button href={choice(rsvpUrl, "yes")} style={button}>
        Yes
      </Button>{" "}
      <Button href={choice(rsvpUrl, "no")} style={ghost}>
        No
      </Button>{" "}
      <Button href={choice(rsvpUrl, "maybe")} style={ghost}>
        Maybe
      </Button>
    </Section>
  );
}

/** The frame every FastInviter email shares: preview line, white card, quiet footer. */
export function EmailLayout({ preview, children, footer }: { preview: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.paper, fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", border: `1px solid ${colors.line}`, borderRadius: "8px", maxWidth: "560px", padding: "28px 32px" }}>
          {children}
          <Hr style={{ borderColor: colors.line, margin: "24px 0 12px" }} />
          <Section>
            <Text style={muted}>{footer ?? "Sent with FastInviter."}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** User text with its line breaks kept, in the HTML and in the plain-text part alike. */
export function Lines({ text }: { text: string }) {
  return text.split("\n").map((line, i) => (
    <Fragment key={i}>
      {i > 0 ? <br /> : null}
      {line}
    </Fragment>
  ));
}

/** Event facts as they appear in every email about an event. */
export type EmailEvent = {
  title: string;
  description: string;
  when: string;
  locationAddress: string;
  locationUrl: string;
};

export function EventDetails({ event }: { event: EmailEvent }) {
  return (
    <Section style={{ borderLeft: `3px solid ${colors.brand}`, margin: "16px 0", paddingLeft: "14px" }}>
      <Text style={{ ...text, fontWeight: 600, margin: "0 0 4px" }}>{event.title}</Text>
      <Text style={{ ...text, margin: "0 0 4px" }}>{event.when}</Text>
      {event.locationAddress ? <Text style={{ ...text, margin: "0 0 4px" }}>{event.locationAddress}</Text> : null}
      {event.locationUrl ? <Text style={{ ...text, margin: "0 0 4px" }}>Online: {event.locationUrl}</Text> : null}
      {event.description ? (
        <Text style={{ ...text, marginTop: "12px" }}>
          <Lines text={event.description} />
        </Text>
      ) : null}
    </Section>
  );
}

export const previewEvent: EmailEvent = {
  title: "Winter solstice dinner",
  description: "Potluck at ours — bring a dish.\nKids welcome, <b>no</b> gifts please.",
  when: "Mon 21 Dec 2026, 19:00 – 23:00 CET",
  locationAddress: "12 Rue des Lilas, Paris",
  locationUrl: "",
};
