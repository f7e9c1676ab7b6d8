import type { Cohost } from "@/db/schema";
import type { FormState } from "@/lib/actions";
import type { EventRole } from "@/lib/events/access";
import { hostDisplayName } from "@/lib/hosts";
import { AddCohostForm } from "./AddCohostForm";
import { ConfirmSubmit } from "./ConfirmSubmit";

type CardProps = {
  role: EventRole;
  cohosts: Cohost[];
  addAction: (state: FormState, form: FormData) => Promise<FormState>;
  removeAction: (emailKey: string) => () => Promise<void>;
};

/** The host's list of co-hosts, with adding and removing; nothing for a co-host. */
export function CohostsCard({ role, cohosts, addAction, removeAction }: CardProps) {
  if (role !== "host") return null;
  return (
    <section className="card" aria-labelledby="cohosts-heading">
      <h2 id="cohosts-heading" className="text-lg font-semibold">
        Co-hosts
      </h2>
      <p className="mt-1 mb-4 text-sm text-gray-600">
        They sign in with their own email address and can do everything you can here, except delete the event or change its co-hosts.
      </p>
      {cohosts.length > 0 ? (
        <ul className="mb-4 divide-y divide-gray-100 text-sm" data-testid="cohosts">
          {cohosts.map((c) => (
            <li key={c.emailKey} className="flex items-center justify-between gap-3 py-2" data-cohost={c.emailKey}>
              <span className="break-all">{c.email}</span>
              <form action={removeAction(c.emailKey)} aria-label={`Remove co-host ${c.email}`}>
                <ConfirmSubmit className="text-sm text-red-600 hover:underline" label={`Remove co-host ${c.email}`} question={`Remove ${c.email} as a co-host? They can no longer open the event.`}>
                  Remove
                </ConfirmSubmit>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <AddCohostForm action={addAction} />
    </section>
  );
}

/** Tells a co-host whose event this is, and what is not theirs to do. */
export function CohostNote({ role, host }: { role: EventRole; host: { name: string | null; email: string | null } }) {
  if (role !== "cohost") return null;
  const name = hostDisplayName(host);
  return (
    <p className="rounded-md bg-brand-50 p-3 text-sm text-gray-800" data-testid="cohost-note">
      You co-host this event with {name}. Only {name} can delete it or change its co-hosts.
    </p>
  );
}
