import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/SignInForm";
import { auth } from "@/lib/auth";
import { safeReturnPath } from "@/lib/signin";
import { requestSignInLink } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  Configuration: "Sign-in is not set up correctly on this server. Tell its operator.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const { error, next } = await searchParams;
  const returnTo = safeReturnPath(next);
  if ((await auth())?.user) redirect(returnTo);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-gray-600">We will email you a link. No password to remember.</p>
      {error ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-800">
          {errors[error] ?? "Signing in did not work. Ask for a new link below."}
        </p>
      ) : null}
      <div className="card">
        <SignInForm requestLink={requestSignInLink} returnTo={returnTo} />
      </div>
    </div>
  );
}
