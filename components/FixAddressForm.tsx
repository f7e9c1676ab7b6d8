"use client";

import { useActionState, useId } from "react";
import type { FormState } from "@/lib/actions";
import { FieldError } from "./FieldError";
import { SubmitButton } from "./SubmitButton";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * Corrects a guest's address in place. A plain form inside <details>, so it works without
 * JavaScript; it stays open while there is an error to read.
 */
export function FixAddressForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction] = useActionState(action, {});
  const id = useId();
  const errors = state.errors?.email;
  return (
    <details className="mt-1 text-xs" open={errors ? true : undefined}>
      <summary className="btn-link cursor-pointer text-xs" aria-label={`Fix the address ${email}`}>
        Fix address
      </summary>
      {/* Keyed by what was sent, so React's reset after the action shows it again, not the old address. */}
      <form action={formAction} key={state.values?.email ?? ""} className="mt-2 flex max-w-sm flex-col gap-2">
        <label htmlFor={`${id}-email`} className="field-label text-xs">
          Correct address
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            required
            defaultValue={state.values?.email ?? email}
            className="field-input"
            aria-invalid={errors ? true : undefined}
            aria-describedby={`${id}-help ${id}-error`}
          />
          <SubmitButton className="btn-secondary shrink-0" pendingLabel="Saving…">
            Save
          </SubmitButton>
        </div>
        <p id={`${id}-help`} className="text-gray-500">
          Their old link stops working; if they were invited, a new invitation goes to this address.
        </p>
        <FieldError id={`${id}-error`} errors={errors} />
      </form>
    </details>
  );
}
