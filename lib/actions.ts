import type { z } from "zod";
import type { ChangePreview } from "./events/changes";
import type { RejectedEntry } from "./guests/parse";
import type { TypoHint } from "./guests/typos";

/** What a form's action answers to `useActionState`: field errors and a message. */
export type FormState = {
  errors?: Record<string, string[] | undefined>;
  message?: string;
  values?: Record<string, string>;
  /** An edit not yet saved: who would be told of which changes, for the host to decide. */
  changePreview?: ChangePreview;
};

/** What adding or pasting guests answers: what was saved, what was refused and why. */
export type GuestFormState = {
  message?: string;
  rejected?: RejectedEntry[];
  /** Added guests whose address looks like a misspelt provider: they are saved all the same. */
  typos?: TypoHint[];
  ok?: boolean;
  /** The submission was refused as a whole (an unreadable file, say): nothing was saved. */
  problem?: boolean;
  values?: Record<string, string>;
};

export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
