// What the message form needs in the browser, apart from the code that sends (which reaches
// the database): the form imports only this.

/** Who a message goes to: everyone invited, those who said yes or maybe, or those who have not answered. */
export const AUDIENCES = ["all", "yes", "maybe", "unanswered"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  all: "Everyone invited",
  yes: "Guests who said yes",
  maybe: "Guests who said maybe",
  unanswered: "Guests who have not answered",
};

export const MESSAGE_LIMITS = { subject: 150, body: 5_000 } as const;

/** What the message form's action answers: the usual field errors, and how many it went to. */
export type MessageFormState = {
  errors?: Record<string, string[] | undefined>;
  message?: string;
  values?: Record<string, string>;
  sent?: number;
};
