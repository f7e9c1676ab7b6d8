import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().max(254, "That address is too long").pipe(z.email("Enter a valid email address")),
});

export type SignInState = { error?: string; email?: string };
