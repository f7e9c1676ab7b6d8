import Papa from "papaparse";
import { GUEST_LIMITS, emailProblem, nameProblem, normalizeEmail, type ParsedGuest, type ParsedGuestList, type RejectedEntry } from "./parse";

export const CSV_IMPORT = {
  /** Server actions take bodies up to 2 MB (next.config.ts), so a larger file still reaches the check that says this. */
  maxBytes: 1024 * 1024,
  tooLarge: "This file is larger than 1 MB, the most one import takes. Split it into smaller files, or keep only the name and email columns.",
} as const;

export type CsvReading = { ok: true; list: ParsedGuestList } | { ok: false; problem: string };

const refuse = (problem: string): CsvReading => ({ ok: false, problem });

// Windows-1252's characters at 0x80–0x9F (€, curly quotes, dashes, Š, Ž…). Some Node
// versions decode "windows-1252" as Latin-1 and leave control characters there instead.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

const SPREADSHEET =
  "This is a spreadsheet file, not CSV. In your spreadsheet app, save or export it as “CSV (comma-separated values)” and import that file.";

/**
 * The file's text. Spreadsheet apps write UTF-8 (with or without a byte-order mark), UTF-16
 * ("Unicode text") or, in Excel on Windows, the legacy Windows-1252 code page: bytes that are
 * not valid UTF-8 are read as that, so "Fête" does not turn into "F�te".
 */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: string } {
  const startsWith = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  // .xlsx, .ods and .numbers are zip archives; .xls is an OLE compound file.
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { ok: false, problem: SPREADSHEET };
  if (startsWith(0xff, 0xfe)) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes) };
  if (startsWith(0xfe, 0xff)) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes) };
  if (bytes.includes(0)) return { ok: false, problem: "This file is not a CSV text file. Export your guest list as CSV and import that file." };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, text: decodeWindows1252(bytes) };
  }
}

/** "E-mail Address" → "emailaddress", "first_name" → "firstname", "Prénom" → "prenom". */
function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

// Each list in order of preference: the first header found wins, then the leftmost column.
// "email1value" and "emailaddress" are what Google Contacts and Outlook export.
const EMAIL_HEADERS = ["email", "emailaddress", "email1value", "mail"];
const NAME_HEADERS = ["name", "fullname", "displayname", "guestname"];
const FIRST_NAME_HEADERS = ["firstname", "givenname", "first", "forename"];
const MIDDLE_NAME_HEADERS = ["middlename"];
const LAST_NAME_HEADERS = ["lastname", "surname", "familyname", "last"];

function findColumn(keys: string[], wanted: string[]): number {
  for (const name of wanted) {
    const index = keys.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

type Columns = { email: number; name: number; nameParts: number[] };

function columnsFromHeader(header: string[]): Columns | null {
  const keys = header.map(headerKey);
  const email = findColumn(keys, EMAIL_HEADERS);
  if (email < 0) return null;
  const nameParts = [FIRST_NAME_HEADERS, MIDDLE_NAME_HEADERS, LAST_NAME_HEADERS].map((names) => findColumn(keys, names)).filter((i) => i >= 0);
  return { email, name: findColumn(keys, NAME_HEADERS), nameParts };
}

const LOOKS_LIKE_ADDRESS = /^[^\s@]+@[^\s@]+$/;
const isBlank = (row: string[]) => row.every((cell) => cell.trim() === "");

/** A file of bare addresses, one per row and no header, is read as just that. */
function isAddressColumn(rows: string[][]): boolean {
  return rows.every((row) => {
    const cells = row.map((c) => c.trim()).filter((c) => c !== "");
    return cells.length === 0 || (cells.length === 1 && row[0].trim() === cells[0] && LOOKS_LIKE_ADDRESS.test(cells[0]));
  });
}

/** Excel honours a first line "sep=;" naming the delimiter, and hides it: so do we. */
function excelSeparatorLine(text: string): { delimiter: string; rest: string } | null {
  const m = /^sep=(.)[ \t]*(\r\n|\r|\n|$)/i.exec(text);
  return m ? { delimiter: m[1], rest: text.slice(m[0].length) } : null;
}

function guessDelimiter(text: string): string {
  // Blank lines would count as one-field rows and defeat the library's guess, so it looks
  // at the first ten non-blank ones. Semicolons are what Excel writes where "," is the
  // decimal separator (much of Europe); tabs come from copying out of a spreadsheet.
  const guess = Papa.parse<string[]>(text, { preview: 10, skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t", "|"] });
  return guess.meta.delimiter || ",";
}

function quote(values: string[]): string {
  return values.map((v) => `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`).join(", ");
}

/**
 * Reads a guest list from CSV text: the email column (and the name, or first and last
 * names) found by the header row, whatever the case or spelling variant. Rows are numbered
 * as a spreadsheet shows them, the header being row 1. A problem with the file as a whole
 * refuses it all; a problem with a row refuses that row with its reason, as a paste does.
 */
export function parseGuestCsv(input: string): CsvReading {
  const withoutBom = input.replace(/^\uFEFF/, "");
  const sep = excelSeparatorLine(withoutBom);
  const text = sep ? sep.rest : withoutBom;
  if (text.trim() === "") return refuse("The file is empty.");

  const parsed = Papa.parse<string[]>(text, { delimiter: sep?.delimiter ?? guessDelimiter(text), skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    return refuse(
      `Row ${(quoteError.row ?? 0) + 1} has a quote mark that is never closed, so the file cannot be read from there on. Quote whole values only, like "Lovelace, Ada", and double any quote inside one.`,
    );
  }
  const rows = parsed.data;

  let columns: Columns;
  let firstDataRow: number;
  const headerRow = rows.findIndex((row) => !isBlank(row));
  if (headerRow < 0) return refuse("The file is empty.");
  const header = rows[headerRow];
  const fromHeader = columnsFromHeader(header);
  if (fromHeader) {
    columns = fromHeader;
    firstDataRow = headerRow + 1;
  } else if (isAddressColumn(rows)) {
    columns = { email: 0, name: -1, nameParts: [] };
    firstDataRow = 0;
  } else {
    return refuse(
      `No email column found. The first row should name the columns, one of them “Email” (or “E-mail”, “Email address”), and “Name”, or “First name” and “Last name”. The first row here: ${quote(header.map((h) => h.trim()).filter((h) => h !== ""))}.`,
    );
  }

  const dataRows = rows.slice(firstDataRow).filter((row) => !isBlank(row)).length;
  if (dataRows === 0) return refuse("The file has a header row but no guests.");
  if (dataRows > GUEST_LIMITS.perEvent) {
    const limit = GUEST_LIMITS.perEvent.toLocaleString("en");
    return refuse(`The file has ${dataRows.toLocaleString("en")} guests; an event takes at most ${limit}. Split it into smaller files.`);
  }

  const guests: ParsedGuest[] = [];
  const rejected: RejectedEntry[] = [];
  const seen = new Set<string>();
  for (let index = firstDataRow; index < rows.length; index++) {
    const row = rows[index];
    if (isBlank(row)) continue;
    const line = index + 1;
    const cell = (i: number) => (i >= 0 ? (row[i] ?? "").trim() : "");
    const email = cell(columns.email);
    // Joined parts stand in for a missing full name, row by row.
    const name = cell(columns.name) || columns.nameParts.map(cell).filter((p) => p !== "").join(" ");
    if (!email) {
      rejected.push({ line, text: name, reason: "the email column is empty" });
      continue;
    }
    const problem = emailProblem(email) ?? nameProblem(name);
    if (problem) {
      rejected.push({ line, text: email, reason: problem });
      continue;
    }
    const key = normalizeEmail(email);
    if (seen.has(key)) {
      rejected.push({ line, text: email, reason: "listed twice in this file" });
      continue;
    }
    seen.add(key);
    guests.push({ name, email, line });
  }
  return { ok: true, list: { guests, rejected } };
}

/** The uploaded file as the form gave it, checked from its size down to its rows. */
export async function readGuestCsvFile(file: Blob | null): Promise<CsvReading> {
  // A form posted with no file chosen still sends a part: an empty one without a name.
  if (!file || (file.size === 0 && !(file instanceof File && file.name))) return refuse("Choose a CSV file to import.");
  if (file.size > CSV_IMPORT.maxBytes) return refuse(CSV_IMPORT.tooLarge);
  if (file.size === 0) return refuse("The file is empty.");
  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  return decoded.ok ? parseGuestCsv(decoded.text) : refuse(decoded.problem);
}
