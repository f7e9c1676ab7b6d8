import { Button, Heading, Section, Text } from "@react-email/components";
import { EmailLayout, button, muted, text } from "./components/Layout";

export type SignInEmailProps = { url: string; siteName: string };

export const signInSubject = (p: SignInEmailProps) => `Sign in to ${p.siteName}`;

export default function SignInEmail({ url, siteName }: SignInEmailProps) {
  return (
    <EmailLayout preview={`Your sign-in link for ${siteName}`} footer="If you did not ask to sign in, ignore this email: nothing happens without the link.">
      <Heading as="h1" style={{ ...text, fontSize: "20px", fontWeight: 600 }}>
        Sign in to {siteName}
      </Heading>
      <Text style={text}>Use the button below to sign in. The link works once and expires in 24 hours.</Text>
      <Section style={{ margin: "20px 0" }}>
        <Button href={url} style={button}>
          Sign in
        </Button>
      </Section>
      <Text style={muted}>Or paste this address into your browser: {url}</Text>
    </EmailLayout>
  );
}

SignInEmail.PreviewProps = {
  url: "http://localhost:3000/api/auth/callback/nodemailer?token=preview&email=host%40example.org",
  siteName: "FastInviter",
} satisfies SignInEmailProps;
