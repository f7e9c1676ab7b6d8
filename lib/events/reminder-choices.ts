/** How long before the deadline or the start a reminder may go, in hours: the choices the form offers. */
export const REMINDER_CHOICES = [2, 6, 12, 24, 48, 72, 168] as const;
export const REMINDER_DEFAULTS = { unanswered: 48, attendees: 24 } as const;
