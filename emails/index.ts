import type { ComponentType } from "react";
import CancellationEmail, { cancellationSubject } from "./CancellationEmail";
import CohostInvitationEmail, { cohostInvitationSubject } from "./CohostInvitationEmail";
import EventChangeEmail, { eventChangeSubject } from "./EventChangeEmail";
import GuestMessageEmail, { guestMessageSubject } from "./GuestMessageEmail";
import ReminderEmail, { reminderSubject } from "./ReminderEmail";
import WaitlistPromotionEmail, { waitlistPromotionSubject } from "./WaitlistPromotionEmail";
import InvitationEmail, { invitationSubject } from "./InvitationEmail";
import NewAnswerEmail, { newAnswerSubject } from "./NewAnswerEmail";
import RsvpConfirmationEmail, { rsvpConfirmationSubject } from "./RsvpConfirmationEmail";
import SignInEmail, { signInSubject } from "./SignInEmail";

type Template<P> = {
  title: string;
  description: string;
  Component: ComponentType<P> & { PreviewProps: P };
  subject: (props: P) => string;
};

const template = <P,>(t: Template<P>) => t as unknown as Template<Record<string, unknown>>;

/** Every email the app sends, by slug: the preview page and the sender read this one list. */
export const templates = {
  "sign-in": template({ title: "Sign-in link", description: "The magic link a host signs in with.", Component: SignInEmail, subject: signInSubject }),
  invitation: template({ title: "Invitation", description: "A guest's invitation with one-click answers.", Component: InvitationEmail, subject: invitationSubject }),
  "rsvp-confirmation": template({
    title: "RSVP confirmation",
    description: "To the guest after they answer, with the calendar file.",
    Component: RsvpConfirmationEmail,
    subject: rsvpConfirmationSubject,
  }),
  "new-answer": template({ title: "New answer", description: "To the host when a guest answers.", Component: NewAnswerEmail, subject: newAnswerSubject }),
  cancellation: template({
    title: "Cancellation",
    description: "To invited guests when the host cancels, with a calendar cancel.",
    Component: CancellationEmail,
    subject: cancellationSubject,
  }),
  "event-change": template({
    title: "Event changed",
    description: "To invited guests when the host changes the time or place and chooses to tell them; asks Yes guests to confirm a new date.",
    Component: EventChangeEmail,
    subject: eventChangeSubject,
  }),
  reminder: template({
    title: "Reminder",
    description: "Before the RSVP deadline to guests who have not answered, and before the start to Yes and Maybe guests.",
    Component: ReminderEmail,
    subject: reminderSubject,
  }),
  "waitlist-promotion": template({
    title: "Off the waitlist",
    description: "To a guest on the waitlist when a place opens up and becomes theirs, with the calendar file.",
    Component: WaitlistPromotionEmail,
    subject: waitlistPromotionSubject,
  }),
  message: template({
    title: "Message to guests",
    description: "The host's own message to all invited guests, or to those who said yes, maybe, or have not answered.",
    Component: GuestMessageEmail,
    subject: guestMessageSubject,
  }),
  "cohost-invitation": template({
    title: "Co-host invitation",
    description: "To a person the host adds as a co-host, with a link to the event; they sign in with their own address.",
    Component: CohostInvitationEmail,
    subject: cohostInvitationSubject,
  }),
};

export type TemplateSlug = keyof typeof templates;
