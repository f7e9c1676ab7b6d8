import Papa from "papaparse";
import type { RsvpAnswer } from "@/db/schema";
import { isoInZone } from "@/lib/events/time";
import { STAGE_LABELS } from "./delivery";
import type { GuestRow } from "./guests";

export const GUEST_CSV_COLUMNS = ["Name", "Email", "Answer", "Note", "Answered at", "Invitation", "Unsubscribed"] as const;

const ANSWER_WORDS: Record<RsvpAnswer, string> = { yes: "Yes", no: "No", maybe: "Maybe" };

/**
 * The guest list as CSV, in the order the page shows it, times in the event's zone. Names and
 * notes are the guests' own words: a cell starting with =, +, -, @, tab or carriage return
 * gets a leading apostrophe, so that Excel or LibreOffice shows it instead of running it as a
 * formula (OWASP's advice on CSV injection). A byte-order mark makes Excel read UTF-8.
 */
export function guestListCsv(rows: GuestRow[], timeZone: string): string {
  const data = rows.map((g) => [
    g.name,
    g.email,
    g.answer ? ANSWER_WORDS[g.answer] : "",
    g.note,
    g.answeredAt ? isoInZone(g.answeredAt, timeZone) : "",
    STAGE_LABELS[g.stage],
    g.unsubscribedAt ? "Yes" : "No",
  ]);
  return `\uFEFF${Papa.unparse({ fields: [...GUEST_CSV_COLUMNS], data }, { escapeFormulae: true, newline: "\r\n" })}\r\n`;
}

/** "Fête d'été" → "fete-d-ete-guests.csv": plain ASCII, safe in any header or file system. */
export function guestCsvFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60)
    .replace(/-$/, "");
  return slug ? `${slug}-guests.csv` : "guests.csv";
}

/** The download: private to the host, never cached by a proxy or kept by the browser. */
export function guestCsvResponse(title: string, rows: GuestRow[], timeZone: string): Response {
  return new Response(guestListCsv(rows, timeZone), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${guestCsvFileName(title)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
