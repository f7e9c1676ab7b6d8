import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { reportIsAuthorized } from "@/lib/mail/report-auth";
import { applyDeliveryReports, deliveryReportsSchema } from "@/lib/mail/reports";

const MAX_BODY_BYTES = 512 * 1024;

/** The relay's delivery reports: relayed, deferred or bounced, per Message-ID. */
export async function POST(request: Request) {
  if (!reportIsAuthorized(request.headers.get("authorization"), env().RELAY_SECRET)) {
    return Response.json({ error: "not authorized" }, { status: 401 });
  }
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return Response.json({ error: "too large" }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return Response.json({ error: "not JSON" }, { status: 400 });
  }
  const parsed = deliveryReportsSchema.safeParse(json);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0].message }, { status: 400 });
  const applied = applyDeliveryReports(getDb(), parsed.data);
  return Response.json({ applied });
}
