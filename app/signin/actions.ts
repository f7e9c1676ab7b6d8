"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth";
import { clientIp } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { LIMITS, takeRateLimit, waitPhrase } from "@/lib/rate-limit";
import { safeReturnPath, signInSchema, type SignInState } from "@/lib/signin";
import { tryWrite } from "@/lib/storage-errors";

export async function requestSignInLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0].message, email: String(form.get("email") ?? "") };
  const email = parsed.data.email;
  const db = getDb();
  const ip = await clientIp();
  const limited = tryWrite(() => {
    const byIp = takeRateLimit(db, `signin-ip:${ip}`, { ...LIMITS.signInPerIp, limit: env().SIGNIN_LIMIT_PER_IP });
    return byIp.allowed ? takeRateLimit(db, `signin-address:${email.toLowerCase()}`, LIMITS.signInPerAddress) : byIp;
  });
  if (!limited.ok) return { error: limited.message, email };
  const byAddress = limited.value;
  if (!byAddress.allowed) {
    return { error: `Too many sign-in links were asked for just now. Try again in ${waitPhrase(byAddress.retryAfterMs)}.`, email };
  }
  try {
    // Redirects to the "check your email" page; the link itself is sent after the response.
    await signIn("nodemailer", { email, redirectTo: safeReturnPath(form.get("next")) });
  } catch (error) {
    if (error instanceof AuthError) return { error: "We could not send a sign-in link. Try again in a moment.", email };
    throw error;
  }
  return {};
}
