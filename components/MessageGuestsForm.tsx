"use client";

import { useActionState, useState } from "react";
import { AUDIENCE_LABELS, AUDIENCES, MESSAGE_LIMITS, type Audience, type MessageFormState } from "@/lib/messages/audience";
import { FieldError } from "./FieldError";
import { SubmitButton } from "./SubmitButton";

type Props = {
  action: (state: MessageFormState, form: FormData) => Promise<MessageFormState>;
  /** How many guests each audience reaches now: invited, not unsubscribed. */
  counts: Record<Audience, number>;
};

const guestsPhrase = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "guest" : "guests"}`;

/** "Message guests": the host writes to everyone invited, or to those who answered one way or not at all. */
export function MessageGuestsForm({ action, counts }: Props) {
  const [state, formAction] = useActionState(action, {});
  const [audience, setAudience] = useState<Audience>(() => (AUDIENCES as readonly string[]).includes(state.values?.audience ?? "") ? (state.values!.audience as Audience) : "all");
  const n = counts[audience];
  return (
    <section className="card" aria-labelledby="message-heading">
      <h2 id="message-heading" className="mb-1 text-lg font-semibold">
        Message guests
      </h2>
      <p className="mb-4 text-sm text-gray-600">An email from you, with each guest&apos;s own link. Guests who unsubscribed get nothing.</p>
      {/* Keyed on the outcome: a sent message clears the form, a refused one keeps what was typed. */}
      <form action={formAction} key={state.sent ? `sent-${state.message}` : JSON.stringify(state.values ?? {})} aria-label="Message guests" className="space-y-3">
        <div>
          <label htmlFor="message-audience" className="field-label">
            To
          </label>
          <select
            id="message-audience"
            name="audience"
            value={audience}
            onChange={(e) => setAudience(e.target.value as Audience)}
            className="field-input"
            aria-describedby="message-audience-error"
          >
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_LABELS[a]} ({counts[a].toLocaleString("en")})
              </option>
            ))}
          </select>
          <FieldError id="message-audience-error" errors={state.errors?.audience} />
        </div>
        <div>
          <label htmlFor="message-subject" className="field-label">
            Subject
          </label>
          <input
            id="message-subject"
            name="subject"
            required
            maxLength={MESSAGE_LIMITS.subject}
            defaultValue={state.sent ? "" : state.values?.subject}
            className="field-input"
            aria-describedby="message-subject-error"
          />
          <FieldError id="message-subject-error" errors={state.errors?.subject} />
        </div>
        <div>
          <label htmlFor="message-body" className="field-label">
            Message
          </label>
          <textarea
            id="message-body"
            name="body"
            required
            rows={5}
            maxLength={MESSAGE_LIMITS.body}
            defaultValue={state.sent ? "" : state.values?.body}
            className="field-input"
            aria-describedby="message-body-error"
          />
          <FieldError id="message-body-error" errors={state.errors?.body} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {n > 0 ? (
            <SubmitButton pendingLabel="Queuing…">{`Send to ${guestsPhrase(n)}`}</SubmitButton>
          ) : (
            <button type="button" className="btn-secondary" disabled>
              Nobody to send to
            </button>
          )}
          {/* Only with something to say: an empty status region would be a second "status" on the page. */}
          {state.message ? (
            <p aria-live="polite" role="status" data-testid="message-outcome" className={`text-sm ${state.sent ? "text-green-700" : "text-red-700"}`}>
              {state.message}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
