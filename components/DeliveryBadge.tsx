import type { DeliveryState } from "@/lib/guests/guests";

const look: Record<DeliveryState, { label: string; className: string }> = {
  not_invited: { label: "Not invited", className: "bg-gray-100 text-gray-700" },
  queued: { label: "Queued", className: "bg-amber-50 text-amber-800" },
  sending: { label: "Queued", className: "bg-amber-50 text-amber-800" },
  sent: { label: "Handed to relay", className: "bg-blue-50 text-blue-800" },
  failed: { label: "Failed", className: "bg-red-50 text-red-700" },
};

export function DeliveryBadge({ state, error }: { state: DeliveryState; error: string | null }) {
  const { label, className } = look[state];
  const retrying = (state === "queued" || state === "sending") && error;
  return (
    <span className="inline-flex flex-col">
      <span className={`inline-block w-fit rounded-full px-2 py-0.5 text-xs font-medium ${className}`} data-delivery={state}>
        {retrying ? "Retrying" : label}
      </span>
      {error && state !== "sent" ? <span className="mt-0.5 max-w-56 text-xs break-words text-gray-500">{error}</span> : null}
    </span>
  );
}
