import type { Db } from "@/db/client";
import { readBodyWithin } from "@/lib/body-limit";
import { secretsEqual } from "@/lib/tokens";
import { applyDeliveryReports, deliveryReportsSchema } from "./reports";

// The relay posts at most 200 reports at once; even with every field at its longest
// (a 998-character Message-ID, a 2,000-character detail) that is about 620 KB.
const MAX_BODY_BYTES = 1024 * 1024;

/** The relay signs its reports with the shared secret; anything else is refused. */
export function reportIsAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization?.startsWith("Bearer ")) return false;
  return secretsEqual(authorization.slice("Bearer ".length), secret);
}

/** POST /api/relay/status: the relay's delivery reports, per Message-ID. */
export async function acceptDeliveryReports(request: Request, options: { secret: string | undefined; db: Db }): Promise<Response> {
  if (!reportIsAuthorized(request.headers.get("authorization"), options.secret)) {
    return Response.json({ error: "not authorized" }, { status: 401 });
  }
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body instanceof Response) return body;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return Response.json({ error: "not JSON" }, { status: 400 });
  }
  const parsed = deliveryReportsSchema.safeParse(json);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0].message }, { status: 400 });
  return Response.json({ applied: applyDeliveryReports(options.db, parsed.data) });
}
