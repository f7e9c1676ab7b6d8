import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { oneLine } from "@/lib/events/schema";

/** How a host is named to guests: their name, else the first part of their address. */
export function hostDisplayName(host: { name: string | null; email: string | null }): string {
  return host.name?.trim() || host.email?.split("@")[0] || "Your host";
}

export const hostNameSchema = z.object({ name: oneLine("Your name", 80) });

/** The name guests see in invitations ("Grace invites you"); empty falls back to the address. */
export function setHostName(db: Db, userId: string, name: string): void {
  db.update(users).set({ name: name || null }).where(eq(users.id, userId)).run();
}
