import { STAGE_LABELS, type DeliveryStage } from "@/lib/guests/delivery";

const tone: Record<DeliveryStage, string> = {
  not_invited: "bg-gray-100 text-gray-700",
  queued: "bg-amber-50 text-amber-800",
  retrying: "bg-amber-100 text-amber-900",
  failed: "bg-red-50 text-red-700",
  accepted: "bg-blue-50 text-blue-800",
  delivered: "bg-green-50 text-green-800",
  deferred: "bg-orange-50 text-orange-800",
  bounced: "bg-red-100 text-red-800",
};

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

export function DeliveryBadge({ stage, detail, retryAt }: { stage: DeliveryStage; detail: string | null; retryAt: Date | null }) {
  const showDetail = detail && stage !== "accepted";
  return (
    <span className="inline-flex flex-col">
      <span className={`inline-block w-fit rounded-full px-2 py-0.5 text-xs font-medium ${tone[stage]}`} data-delivery={stage}>
        {STAGE_LABELS[stage]}
      </span>
      {showDetail ? <span className="mt-0.5 max-w-64 text-xs break-words text-gray-500" data-testid="delivery-detail">{detail}</span> : null}
      {stage === "deferred" && retryAt ? <span className="text-xs text-gray-500">Next try {clock.format(retryAt)}</span> : null}
    </span>
  );
}
