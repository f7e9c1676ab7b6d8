"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/actions";
import { FieldError } from "./FieldError";
import { SubmitButton } from "./SubmitButton";

export function AddCohostForm({ action }: { action: (state: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, {});
  return (
    // Keyed by the outcome, so the field empties after an address is added and keeps a refused one.
    <form action={formAction} key={state.values ? JSON.stringify(state.values) : state.message} aria-label="Add a co-host" className="space-y-2">
      <label htmlFor="cohost-email" className="field-label">
        Co-host&apos;s email
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="cohost-email"
          name="email"
          type="email"
          required
          maxLength={254}
          placeholder="someone@example.org"
          defaultValue={state.values?.email}
          className="field-input"
          aria-describedby="cohost-email-error cohost-added"
        />
        <SubmitButton className="btn-secondary" pendingLabel="Adding…">
          Add co-host
        </SubmitButton>
      </div>
      <FieldError id="cohost-email-error" errors={state.errors?.email} />
      <p id="cohost-added" aria-live="polite" className="text-sm text-green-700">
        {state.message}
      </p>
    </form>
  );
}
