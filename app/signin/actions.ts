"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { signInSchema } from "@/lib/signin";

export type SignInState = { error?: string; email?: string };

export async function requestSignInLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0].message, email: String(form.get("email") ?? "") };
  try {
    // Redirects to the "check your email" page; the link itself is sent after the response.
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: "/events" });
  } catch (error) {
    if (error instanceof AuthError) return { error: "We could not send a sign-in link. Try again in a moment.", email: parsed.data.email };
    throw error;
  }
  return {};
}
