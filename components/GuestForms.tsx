"use client";

import { useActionState, useState } from "react";
import type { GuestFormState } from "@/lib/actions";
import { SubmitButton } from "./SubmitButton";

type Action = (state: GuestFormState, form: FormData) => Promise<GuestFormState>;

/** What became of a submission; entries are numbered by `lineLabel` ("Line" of a paste, "Row" of a file). */
function Outcome({ state, id, lineLabel = "Line" }: { state: GuestFormState; id: string; lineLabel?: string }) {
  return (
    <div id={id} aria-live="polite" className="mt-2 text-sm">
      {state.message ? <p className={state.ok ? "text-green-700" : state.problem ? "text-red-700" : "text-gray-800"}>{state.message}</p> : null}
      {state.rejected?.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-red-700" data-testid="rejected-guests">
          {state.rejected.map((r, i) => (
            <li key={`${r.line}-${i}`}>
              {r.line > 0 ? `${lineLabel} ${r.line}: ` : ""}
              {r.text ? <span className="font-mono">{r.text}</span> : null}
              {r.text ? " — " : ""}
              {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {state.typos?.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-amber-800" data-testid="typo-hints">
          {state.typos.map((t, i) => (
            <li key={`${t.line}-${i}`}>
              {t.line > 0 ? `${lineLabel} ${t.line}: ` : ""}
              <span className="font-mono">{t.email}</span> — did you mean <span className="font-mono">{t.suggestion}</span>?
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function AddGuestForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} key={state.values ? JSON.stringify(state.values) : state.message} aria-label="Add a guest">
      <div className="flex flex-col gap-2 sm:flex-row">
        <label className="sr-only" htmlFor="guest-name">
          Name
        </label>
        <input id="guest-name" name="name" placeholder="Name" maxLength={100} defaultValue={state.values?.name} className="field-input" />
        <label className="sr-only" htmlFor="guest-email">
          Email
        </label>
        <input
          id="guest-email"
          name="email"
          type="email"
          placeholder="Email"
          required
          defaultValue={state.values?.email}
          className="field-input"
          aria-describedby="add-guest-outcome"
        />
        <SubmitButton className="btn-secondary shrink-0" pendingLabel="Adding…">
          Add guest
        </SubmitButton>
      </div>
      <Outcome state={state} id="add-guest-outcome" />
    </form>
  );
}

export function PasteGuestsForm({ action, limit }: { action: Action; limit: number }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} key={state.values ? JSON.stringify(state.values) : state.message} aria-label="Paste guests">
      <label htmlFor="guest-paste" className="field-label">
        Paste many at once
      </label>
      <textarea
        id="guest-paste"
        name="guests"
        rows={5}
        defaultValue={state.values?.guests}
        placeholder={"Ada Lovelace <ada@example.org>\ngrace@example.org, Alan Turing <alan@example.org>"}
        className="field-input font-mono"
        aria-describedby="paste-help paste-outcome"
      />
      <p id="paste-help" className="mt-1 text-xs text-gray-500">
        One per line, or separated by commas or semicolons: <code>Name &lt;email&gt;</code> or a bare address. Up to {limit.toLocaleString("en")} guests
        per event.
      </p>
      <div className="mt-2">
        <SubmitButton className="btn-secondary" pendingLabel="Adding…">
          Add these guests
        </SubmitButton>
      </div>
      <Outcome state={state} id="paste-outcome" />
    </form>
  );
}

/**
 * A CSV file posted with the form (multipart, so it works without JavaScript too). With
 * JavaScript a file over the limit is refused on choosing it, before it is sent at all.
 */
export function ImportGuestsForm({ action, limit, maxBytes, tooLarge }: { action: Action; limit: number; maxBytes: number; tooLarge: string }) {
  const [state, formAction] = useActionState(action, {});
  const [sizeProblem, setSizeProblem] = useState("");
  return (
    <form action={formAction} aria-label="Import guests from CSV">
      <label htmlFor="guest-csv" className="field-label">
        Import a CSV file
      </label>
      <input
        id="guest-csv"
        name="file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        required
        className="field-input"
        aria-describedby="import-help import-outcome"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          const problem = file && file.size > maxBytes ? tooLarge : "";
          e.currentTarget.setCustomValidity(problem);
          setSizeProblem(problem);
        }}
      />
      <p id="import-help" className="mt-1 text-xs text-gray-500">
        A spreadsheet saved as CSV, its first row naming the columns: <code>Email</code>, and <code>Name</code> or <code>First name</code> and{" "}
        <code>Last name</code>. Up to {maxBytes / (1024 * 1024)} MB and {limit.toLocaleString("en")} guests per event.
      </p>
      <div className="mt-2">
        <SubmitButton className="btn-secondary" pendingLabel="Importing…">
          Import guests
        </SubmitButton>
      </div>
      <Outcome state={sizeProblem ? { message: sizeProblem, problem: true } : state} id="import-outcome" lineLabel="Row" />
    </form>
  );
}
