import type { FormState } from "@/lib/actions";
import type { OutboxKind } from "@/db/schema";
import { STAGE_LABELS } from "@/lib/guests/delivery";
import type { GuestRow } from "@/lib/guests/guests";
import { AnswerBadge } from "./AnswerBadge";
import { ConfirmSubmit } from "./ConfirmSubmit";
import { DeliveryBadge } from "./DeliveryBadge";
import { FixAddressForm } from "./FixAddressForm";

/** What the latest other email about the event was, on the guest's row. */
const NOTICE_LABELS: Partial<Record<OutboxKind, string>> = {
  event_change: "Change notice",
  reminder: "Reminder",
  cancellation: "Cancellation",
  waitlist_promotion: "Off the waitlist",
  message: "Message",
};

type Props = {
  guests: GuestRow[];
  resendAction: (guestId: string) => () => Promise<void>;
  removeAction: (guestId: string) => () => Promise<void>;
  fixAction: (guestId: string) => (state: FormState, form: FormData) => Promise<FormState>;
};

export function GuestTable({ guests, resendAction, removeAction, fixAction }: Props) {
  if (guests.length === 0) return <p className="text-sm text-gray-600">No guests yet. Add some above.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-gray-200 text-xs text-gray-500 uppercase">
          <tr>
            <th className="py-2 pr-3 font-medium">Guest</th>
            <th className="py-2 pr-3 font-medium">Invitation</th>
            <th className="py-2 pr-3 font-medium">Answer</th>
            <th className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {guests.map((g) => (
            <tr key={g.id} className="border-b border-gray-100 align-top" data-guest={g.email}>
              <td className="py-2 pr-3">
                <div className="font-medium">{g.name || g.email}</div>
                {g.name ? <div className="text-xs text-gray-500">{g.email}</div> : null}
                <FixAddressForm key={g.email} action={fixAction(g.id)} email={g.email} />
              </td>
              <td className="py-2 pr-3">
                <DeliveryBadge stage={g.stage} detail={g.deliveryDetail} retryAt={g.deliveryRetryAt} />
                {g.notice ? (
                  <span className="mt-1 block text-xs text-gray-500" data-testid="notice">
                    {NOTICE_LABELS[g.notice.kind] ?? "Email"}: {STAGE_LABELS[g.notice.stage].toLowerCase()}
                  </span>
                ) : null}
                {g.unsubscribedAt ? (
                  <span className="mt-1 block text-xs text-gray-500" data-testid="unsubscribed" title="No more invitations or reminders go to this guest">
                    Unsubscribed
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-3">
                <AnswerBadge answer={g.answer} />
                {g.answer !== "no" && g.plusOnes > 0 ? <span className="ml-1 text-xs text-gray-600">+{g.plusOnes}</span> : null}
                {g.answer === "yes" && g.waitlistedAt ? (
                  <span className="mt-1 block text-xs text-amber-700" data-testid="waitlisted">
                    On the waitlist
                  </span>
                ) : null}
                {g.answer === "yes" && g.reconfirmRequestedAt ? (
                  <span className="mt-1 block text-xs text-amber-700" data-testid="reconfirm">
                    Asked to confirm the new date
                  </span>
                ) : null}
                {g.note ? <p className="mt-1 max-w-64 text-xs break-words whitespace-pre-line text-gray-600">“{g.note}”</p> : null}
              </td>
              <td className="py-2 text-right">
                {/* Stacked on phones, side by side from small screens up: never cut off. */}
                <div className="flex flex-col items-end gap-1 whitespace-nowrap sm:flex-row sm:justify-end sm:gap-3">
                {g.stage !== "not_invited" && !g.unsubscribedAt ? (
                  <form action={resendAction(g.id)}>
                    <button type="submit" className="btn-link" aria-label={`Resend the invitation to ${g.email}`}>
                      Resend
                    </button>
                  </form>
                ) : null}
                <form action={removeAction(g.id)}>
                  <ConfirmSubmit
                    className="text-sm text-red-600 hover:underline"
                    label={`Remove ${g.email}`}
                    question={`Remove ${g.name || g.email}? Their personal link stops working${g.answer ? " and their answer is deleted" : ""}.`}
                  >
                    Remove
                  </ConfirmSubmit>
                </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
