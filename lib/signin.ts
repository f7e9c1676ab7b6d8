import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().max(254, "That address is too long").pipe(z.email("Enter a valid email address")),
});

export type SignInState = { error?: string; email?: string };

/**
 * Where to land after signing in, when a signed-out visitor was sent to sign in from a page of
 * the app (a co-host following their email's link to the event): one of our own event pages,
 * never another site or anything else.
 */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && /^\/events(\/[\w-]+)*\/?$/.test(value) ? value : "/events";
}
