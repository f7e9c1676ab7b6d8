"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { fieldErrors, type FormState } from "@/lib/actions";
import { requireHost } from "@/lib/auth";
import { hostNameSchema, setHostName } from "@/lib/hosts";

export async function saveHostNameAction(_prev: FormState, form: FormData): Promise<FormState> {
  const host = await requireHost();
  const values = { name: String(form.get("name") ?? "") };
  const parsed = hostNameSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  setHostName(getDb(), host.id, parsed.data.name);
  revalidatePath("/", "layout");
  return { message: parsed.data.name ? `Saved. Guests now see “${parsed.data.name}”.` : "Saved. Guests see your address's first part.", values: { name: parsed.data.name } };
}
