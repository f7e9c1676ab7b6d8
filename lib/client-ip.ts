import { headers } from "next/headers";

/** The caller's address as the server saw it (first hop of X-Forwarded-For behind a proxy). */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
