import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { bodyTooLarge, declaresTooLarge } from "@/lib/body-limit";

// Auth.js's forms (an email address, a CSRF token, a callback URL) are well under 1 KB. It reads
// the body itself, so the limit goes by Content-Length, which browsers send with every form.
const MAX_BODY_BYTES = 16 * 1024;

export const { GET } = handlers;

export function POST(request: NextRequest) {
  if (declaresTooLarge(request, MAX_BODY_BYTES)) return bodyTooLarge(MAX_BODY_BYTES);
  return handlers.POST(request);
}
