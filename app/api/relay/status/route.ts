import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { acceptDeliveryReports } from "@/lib/mail/report-endpoint";

export function POST(request: Request) {
  return acceptDeliveryReports(request, { secret: env().RELAY_SECRET, db: getDb() });
}
