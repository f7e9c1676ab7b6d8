import type { DeliveryReportState, OutboxState } from "@/db/schema";

/** Where a guest's latest invitation is, from our outbox to the provider. */
export const DELIVERY_STAGES = ["not_invited", "queued", "retrying", "failed", "accepted", "delivered", "deferred", "bounced"] as const;
export type DeliveryStage = (typeof DELIVERY_STAGES)[number];

export type DeliveryFacts = {
  state: OutboxState | null;
  lastError: string | null;
  delivery: DeliveryReportState | null;
};

export function deliveryStage(f: DeliveryFacts): DeliveryStage {
  if (!f.state) return "not_invited";
  if (f.state === "failed") return "failed";
  if (f.state === "queued" || f.state === "sending") return f.lastError ? "retrying" : "queued";
  if (f.delivery === "relayed") return "delivered";
  if (f.delivery === "deferred") return "deferred";
  if (f.delivery === "bounced") return "bounced";
  return "accepted";
}

export const STAGE_LABELS: Record<DeliveryStage, string> = {
  not_invited: "Not invited",
  queued: "Queued",
  retrying: "Relay unreachable, retrying",
  failed: "Failed",
  accepted: "Accepted by relay",
  delivered: "Delivered to provider",
  deferred: "Deferred",
  bounced: "Bounced",
};

/** Stages that will still change by themselves: the page keeps watching while any is shown. */
export function stageIsMoving(stage: DeliveryStage): boolean {
  return stage === "queued" || stage === "retrying" || stage === "accepted" || stage === "deferred";
}
