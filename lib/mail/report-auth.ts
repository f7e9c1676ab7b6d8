import { secretsEqual } from "@/lib/tokens";

/** The relay signs its reports with the shared secret; anything else is refused. */
export function reportIsAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization?.startsWith("Bearer ")) return false;
  return secretsEqual(authorization.slice("Bearer ".length), secret);
}
