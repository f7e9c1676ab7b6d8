"use client";

import { useActionState } from "react";
import type { SignInState } from "@/lib/signin";

export function SignInForm({ requestLink, returnTo }: { requestLink: (state: SignInState, form: FormData) => Promise<SignInState>; returnTo: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestLink, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={returnTo} />
      <div>
        <label htmlFor="email" className="field-label">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          className="field-input"
          aria-describedby="email-error"
        />
        <div id="email-error" aria-live="polite">
          {state.error ? <p className="field-error">{state.error}</p> : null}
        </div>
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
