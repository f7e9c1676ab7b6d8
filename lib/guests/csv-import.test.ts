import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { CSV_IMPORT, decodeCsvBytes, parseGuestCsv, readGuestCsvFile, type CsvReading } from "./csv-import";
import { addGuests, listGuests } from "./guests";
import { GUEST_LIMITS } from "./parse";

function read(text: string) {
  const reading = parseGuestCsv(text);
  if (!reading.ok) throw new Error(`refused: ${reading.problem}`);
  return reading.list;
}
const pairs = (text: string) => read(text).guests.map((g) => [g.name, g.email]);
const problem = (reading: CsvReading) => (reading.ok ? null : reading.problem);

describe("parseGuestCsv: finding the columns by their header", () => {
  it.each([
    ["Name,Email"],
    ["name,email"],
    ["NAME,E-MAIL"],
    ["Full name,Email address"],
    ["Display Name,E-mail Address"],
    [" Name , e_mail "],
  ])("reads the columns under %j", (header) => {
    expect(pairs(`${header}\nAda Lovelace,ada@example.org`)).toEqual([["Ada Lovelace", "ada@example.org"]]);
  });

  it("finds the columns wherever they are, ignoring the others", () => {
    expect(pairs("Phone,Email,Table,Name\n555-0100,ada@example.org,3,Ada")).toEqual([["Ada", "ada@example.org"]]);
  });

  it("joins first and last names, as Outlook exports them, with the middle name between", () => {
    const outlook = "First Name,Middle Name,Last Name,E-mail Address\nAda,King,Lovelace,ada@example.org\nGrace,,Hopper,grace@example.org\n,,,alan@example.org";
    expect(pairs(outlook)).toEqual([
      ["Ada King Lovelace", "ada@example.org"],
      ["Grace Hopper", "grace@example.org"],
      ["", "alan@example.org"],
    ]);
  });

  it("reads a Google Contacts export, and falls back on the name parts where the full name is empty", () => {
    const google = "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value\nAda Lovelace,Ada,Lovelace,* Home,ada@example.org\n,Grace,Hopper,,grace@example.org";
    expect(pairs(google)).toEqual([
      ["Ada Lovelace", "ada@example.org"],
      ["Grace Hopper", "grace@example.org"],
    ]);
  });

  it("takes the plain email column before a lesser match", () => {
    expect(pairs("Mail,Email\nold@example.org,new@example.org")).toEqual([["", "new@example.org"]]);
  });

  it("reads a single column of bare addresses with no header", () => {
    const { guests } = read("ada@example.org\n\ngrace@example.org\r\n");
    expect(guests.map((g) => [g.email, g.line])).toEqual([
      ["ada@example.org", 1],
      ["grace@example.org", 3],
    ]);
  });

  it("refuses a file without an email column, saying what it expects and what it found", () => {
    const refused = problem(parseGuestCsv("Nom,Courriel\nAda,ada@example.org"));
    expect(refused).toMatch(/^No email column found\. .*“Email”.*The first row here: “Nom”, “Courriel”\.$/);
    // Addresses in a column of a headerless file with other columns are not guessed at.
    expect(problem(parseGuestCsv("Ada,ada@example.org"))).toMatch(/^No email column found/);
    expect(problem(parseGuestCsv("ada@example.org\nnot an address"))).toMatch(/^No email column found/);
  });
});

describe("parseGuestCsv: the shapes real files come in", () => {
  it("ignores a byte-order mark, even before a quoted header", () => {
    expect(pairs('\uFEFF"Name","Email"\r\n"Ada","ada@example.org"\r\n')).toEqual([["Ada", "ada@example.org"]]);
  });

  it("reads semicolon-separated files (Excel where the comma is the decimal mark), commas in names included", () => {
    expect(pairs("Name;Email\r\nLovelace, Ada;ada@example.org\r\nHopper, Grace;grace@example.org")).toEqual([
      ["Lovelace, Ada", "ada@example.org"],
      ["Hopper, Grace", "grace@example.org"],
    ]);
  });

  it("detects the delimiter past blank lines", () => {
    expect(pairs("Name;Email\n\n\n\n\n\n\nAda;ada@example.org\n\n\n\n")).toEqual([["Ada", "ada@example.org"]]);
  });

  it("reads tab-separated text, as copied out of a spreadsheet", () => {
    expect(pairs("Name\tEmail\nAda, Countess\tada@example.org")).toEqual([["Ada, Countess", "ada@example.org"]]);
  });

  it("honours and hides Excel's sep= line", () => {
    const { guests } = read("sep=|\nName|Email\nAda, C.|ada@example.org");
    expect(guests).toEqual([{ name: "Ada, C.", email: "ada@example.org", line: 2 }]);
  });

  it("keeps quoted commas and doubled quotes inside a value", () => {
    expect(pairs('Name,Email\n"Hopper, Grace ""Amazing""",grace@example.org')).toEqual([['Hopper, Grace "Amazing"', "grace@example.org"]]);
  });

  it("skips blank rows, rows of empty cells included, and numbers rows as a spreadsheet does", () => {
    const { guests } = read("\nName,Email\n\nAda,ada@example.org\n,\n  ,  \nGrace,grace@example.org");
    expect(guests.map((g) => [g.email, g.line])).toEqual([
      ["ada@example.org", 4],
      ["grace@example.org", 7],
    ]);
  });

  it("counts a quoted value spanning lines as one row, and refuses a line break in a name", () => {
    const { guests, rejected } = read('Name,Email\n"Ada\nLovelace",ada@example.org\nGrace,grace@example.org');
    expect(rejected).toEqual([{ line: 2, text: "ada@example.org", reason: "name contains characters that are not allowed" }]);
    expect(guests).toEqual([{ name: "Grace", email: "grace@example.org", line: 3 }]);
  });

  it("refuses rows one by one with their row number and reason, keeping the good ones", () => {
    const { guests, rejected } = read(
      ["Name,Email", "Ada,ada@example.org", "No Address,", "Bob,not-an-address", "Ada again,ADA@example.org", "Eve <script>,eve@example.org", ",ok@example.org"].join("\n"),
    );
    expect(guests.map((g) => g.email)).toEqual(["ada@example.org", "ok@example.org"]);
    expect(rejected).toEqual([
      { line: 3, text: "No Address", reason: "the email column is empty" },
      { line: 4, text: "not-an-address", reason: expect.stringContaining("not a valid email address") },
      { line: 5, text: "ADA@example.org", reason: "listed twice in this file" },
      { line: 6, text: "eve@example.org", reason: "name contains characters that are not allowed" },
    ]);
  });

  it("reads rows shorter or longer than the header", () => {
    expect(pairs("Email,Name\nada@example.org\ngrace@example.org,Grace,extra")).toEqual([
      ["", "ada@example.org"],
      ["Grace", "grace@example.org"],
    ]);
  });
});

describe("parseGuestCsv: files refused as a whole", () => {
  it.each([
    ["", "The file is empty."],
    ["\uFEFF \r\n\r\n", "The file is empty."],
    [",,,\n,,\n", "The file is empty."],
    ["Name,Email\n\n", "The file has a header row but no guests."],
  ])("refuses %j", (text, expected) => {
    expect(problem(parseGuestCsv(text))).toBe(expected);
  });

  it("refuses a quote that never closes, naming its row, rather than read the rest as one value", () => {
    expect(problem(parseGuestCsv('Name,Email\nAda,ada@example.org\n"Grace,grace@example.org\nAlan,alan@example.org'))).toMatch(
      /^Row 3 has a quote mark that is never closed/,
    );
  });

  it("refuses more rows than an event can take, and takes exactly that many", () => {
    const rows = (n: number) => `Email\n${Array.from({ length: n }, (_, i) => `g${i}@example.org`).join("\n")}`;
    expect(problem(parseGuestCsv(rows(GUEST_LIMITS.perEvent + 1)))).toBe("The file has 5,001 guests; an event takes at most 5,000. Split it into smaller files.");
    expect(read(rows(GUEST_LIMITS.perEvent)).guests).toHaveLength(GUEST_LIMITS.perEvent);
  });
});

describe("decodeCsvBytes", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const text = (d: ReturnType<typeof decodeCsvBytes>) => (d.ok ? d.text : `refused: ${d.problem}`);

  it("reads UTF-8 with or without a byte-order mark", () => {
    const utf8 = new TextEncoder().encode("Name\nFête");
    expect(text(decodeCsvBytes(utf8))).toBe("Name\nFête");
    expect(text(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])))).toBe("Name\nFête");
  });

  it("reads Excel's Windows-1252 when the bytes are not UTF-8", () => {
    expect(text(decodeCsvBytes(bytes(0x46, 0xea, 0x74, 0x65, 0x20, 0x80, 0x20, 0x93, 0x8a, 0x94, 0x9f)))).toBe("Fête € “Š”Ÿ");
  });

  it("reads UTF-16 with its byte-order mark (Excel's “Unicode text”)", () => {
    expect(text(decodeCsvBytes(bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00)))).toBe("Aé");
    expect(text(decodeCsvBytes(bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9)))).toBe("Aé");
  });

  it("refuses a spreadsheet workbook, saying how to export CSV", () => {
    expect(text(decodeCsvBytes(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)))).toMatch(/spreadsheet file, not CSV.*save or export it as/);
    expect(text(decodeCsvBytes(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)))).toMatch(/spreadsheet file, not CSV/);
  });

  it("refuses binary data", () => {
    expect(text(decodeCsvBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01)))).toMatch(/not a CSV text file/);
  });
});

describe("readGuestCsvFile", () => {
  it("asks for a file when none was chosen", async () => {
    expect(problem(await readGuestCsvFile(null))).toBe("Choose a CSV file to import.");
    // What a browser posts for a file input left empty.
    expect(problem(await readGuestCsvFile(new File([], "", { type: "application/octet-stream" })))).toBe("Choose a CSV file to import.");
  });

  it("refuses an empty file and one over the size limit without reading it", async () => {
    expect(problem(await readGuestCsvFile(new File([], "guests.csv")))).toBe("The file is empty.");
    const big = new File([new Uint8Array(CSV_IMPORT.maxBytes + 1)], "guests.csv");
    expect(problem(await readGuestCsvFile(big))).toBe(CSV_IMPORT.tooLarge);
    expect(CSV_IMPORT.tooLarge).toMatch(/larger than 1 MB/);
  });

  it("reads a file of exactly the limit", async () => {
    const head = "Email\nada@example.org\n";
    const file = new File([head, " ".repeat(CSV_IMPORT.maxBytes - head.length)], "guests.csv");
    expect(file.size).toBe(CSV_IMPORT.maxBytes);
    const reading = await readGuestCsvFile(file);
    expect(reading.ok && reading.list.guests.map((g) => g.email)).toEqual(["ada@example.org"]);
  });
});

describe("an imported file goes through addGuests like a paste", () => {
  let t: TestDb;
  let host: string;
  let eventId: string;
  beforeEach(() => {
    t = openTestDb();
    host = addHost(t.db, "host@example.org");
    eventId = addEvent(t.db, host).id;
  });
  afterEach(() => t.close());

  it("skips addresses already on the list and reports them by row", () => {
    addGuestList(t.db, host, eventId, "Ada <ada@example.org>");
    const result = addGuests(t.db, host, eventId, read("Name,Email\nAda L.,ADA@example.org\nGrace,grace@example.org\nNobody,"));
    expect(result).toEqual({
      added: 1,
      rejected: [
        { line: 2, text: "ADA@example.org", reason: "already on the guest list" },
        { line: 4, text: "Nobody", reason: "the email column is empty" },
      ],
    });
    expect(listGuests(t.db, eventId).map((g) => [g.name, g.email])).toEqual([
      ["Ada", "ada@example.org"],
      ["Grace", "grace@example.org"],
    ]);
  });

  it("stops at the limit of guests per event", () => {
    addGuestList(t.db, host, eventId, "first@example.org");
    const full = `Email\n${Array.from({ length: GUEST_LIMITS.perEvent }, (_, i) => `g${i}@example.org`).join("\n")}`;
    const result = addGuests(t.db, host, eventId, read(full));
    expect(result?.added).toBe(GUEST_LIMITS.perEvent - 1);
    expect(result?.rejected).toEqual([{ line: GUEST_LIMITS.perEvent + 1, text: `g${GUEST_LIMITS.perEvent - 1}@example.org`, reason: "the event already has the maximum of 5,000 guests" }]);
    expect(listGuests(t.db, eventId)).toHaveLength(GUEST_LIMITS.perEvent);
  });
});
