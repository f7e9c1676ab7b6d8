"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/actions";
import { FieldError } from "./FieldError";
import { SubmitButton } from "./SubmitButton";

export function HostNameForm({ action, name }: { action: (state: FormState, form: FormData) => Promise<FormState>; name: string }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <div>
        <label htmlFor="host-name" className="field-label">
          Your name, as guests see it
        </label>
        <input
          id="host-name"
          name="name"
          maxLength={80}
          defaultValue={state.values?.name ?? name}
          placeholder="Grace Hopper"
          className="field-input"
          aria-describedby="host-name-error host-name-saved"
        />
        <FieldError id="host-name-error" errors={state.errors?.name} />
        <p id="host-name-saved" aria-live="polite" className="mt-1 text-sm text-green-700">
          {state.message}
        </p>
      </div>
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}
