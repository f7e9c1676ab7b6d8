import { and, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { DELIVERY_STATES, outbox } from "@/db/schema";

/** What the relay posts back about each message it took: the wire format both sides share. */
export const deliveryReportSchema = z.object({
  messageId: z.string().min(3).max(998),
  state: z.enum(DELIVERY_STATES),
  detail: z.string().max(2_000).default(""),
  retryAt: z.number().int().positive().nullable().default(null),
  at: z.number().int().positive(),
});
export const deliveryReportsSchema = z.array(deliveryReportSchema).max(1_000);
export type DeliveryReport = z.output<typeof deliveryReportSchema>;

/**
 * Records the relay's reports on the outbox rows they are about. A final state (relayed,
 * bounced) is never overwritten by a late deferral; a deferral may be followed by anything.
 */
export function applyDeliveryReports(db: Db, reports: DeliveryReport[]): number {
  let applied = 0;
  db.transaction((tx) => {
    for (const report of reports) {
      const result = tx
        .update(outbox)
        .set({
          delivery: report.state,
          deliveryDetail: report.detail || null,
          deliveryRetryAt: report.state === "deferred" && report.retryAt ? new Date(report.retryAt) : null,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(outbox.messageId, report.messageId),
            report.state === "deferred" ? or(isNull(outbox.delivery), eq(outbox.delivery, "deferred")) : undefined,
          ),
        )
        .run();
      applied += result.changes;
    }
  });
  return applied;
}
