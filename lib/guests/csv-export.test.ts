import Papa from "papaparse";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guests } from "@/db/schema";
import { sendInvites } from "@/lib/invitations/invitations";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { GUEST_CSV_COLUMNS, guestCsvFileName, guestCsvResponse, guestListCsv } from "./csv-export";
import { parseGuestCsv } from "./csv-import";
import { listGuests, type GuestRow } from "./guests";

const row = (over: Partial<GuestRow>): GuestRow => ({
  id: "g",
  name: "",
  email: "guest@example.org",
  answer: null,
  note: "",
  answeredAt: null,
  unsubscribedAt: null,
  reconfirmRequestedAt: null,
  unansweredRemindedAt: null,
  attendeeRemindedAt: null,
  notice: null,
  plusOnes: 0,
  waitlistedAt: null,
  stage: "not_invited",
  deliveryDetail: null,
  deliveryRetryAt: null,
  invitedAt: null,
  ...over,
});

/** The cells as a spreadsheet app reads them back. */
const cells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

describe("guestListCsv", () => {
  it("writes a header and one row per guest, answers and times in the event's zone", () => {
    const csv = guestListCsv(
      [
        row({ name: "Ada", email: "ada@example.org", answer: "yes", note: "Bringing a tart", answeredAt: new Date("2026-12-10T13:05:09.250Z"), stage: "delivered" }),
        row({ name: "", email: "alan@example.org", stage: "bounced", unsubscribedAt: new Date() }),
        row({ name: "Grace", email: "grace@example.org", answer: "maybe", answeredAt: new Date("2026-07-01T08:00:00Z"), stage: "accepted" }),
      ],
      "Europe/Paris",
    );
    expect(csv.startsWith("\uFEFFName,Email,Answer,Note,Answered at,Invitation,Unsubscribed\r\n")).toBe(true);
    expect(cells(csv)).toEqual([
      [...GUEST_CSV_COLUMNS],
      ["Ada", "ada@example.org", "Yes", "Bringing a tart", "2026-12-10T14:05:09+01:00", "Delivered to provider", "No"],
      ["", "alan@example.org", "", "", "", "Bounced", "Yes"],
      ["Grace", "grace@example.org", "Maybe", "", "2026-07-01T10:00:00+02:00", "Accepted by relay", "No"],
    ]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("quotes commas, quotes and line breaks so that each value stays in its cell", () => {
    const note = 'Late, sorry.\nSay "hi" to Ada;\r\nsee you';
    const csv = guestListCsv([row({ name: "Hopper, Grace", note })], "UTC");
    expect(csv).toContain('"Hopper, Grace"');
    expect(csv).toContain('"Late, sorry.\nSay ""hi"" to Ada;\r\nsee you"');
    expect(cells(csv)[1].slice(0, 4)).toEqual(["Hopper, Grace", "guest@example.org", "", note]);
  });

  it.each(["=HYPERLINK(\"http://evil.example\",\"click\")", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"])(
    "defuses a cell starting as a formula would: %j",
    (text) => {
      const csv = guestListCsv([row({ name: text.replace(/[\t\r]/, ""), note: text })], "UTC");
      const [name, , , note] = cells(csv)[1];
      expect(note).toBe(`'${text}`);
      expect(name).toBe(`'${text.replace(/[\t\r]/, "")}`);
    },
  );

  it("leaves ordinary text alone, a dash or an equals sign inside it included", () => {
    const csv = guestListCsv([row({ name: "Jean-Luc", email: "a-b@example.org", note: "2 + 2 = 4 @home" })], "UTC");
    expect(cells(csv)[1].slice(0, 4)).toEqual(["Jean-Luc", "a-b@example.org", "", "2 + 2 = 4 @home"]);
  });

  it("is a file the import reads back", () => {
    const csv = guestListCsv([row({ name: "Lovelace, Ada", email: "ada@example.org" }), row({ name: "", email: "alan@example.org" })], "UTC");
    const reading = parseGuestCsv(csv);
    expect(reading.ok && reading.list).toEqual({
      guests: [
        { name: "Lovelace, Ada", email: "ada@example.org", line: 2 },
        { name: "", email: "alan@example.org", line: 3 },
      ],
      rejected: [],
    });
  });
});

describe("the guest list of a real event", () => {
  let t: TestDb;
  beforeEach(() => (t = openTestDb()));
  afterEach(() => t.close());

  it("shows the answer and note a guest gave, the invitation's stage and who is not invited", () => {
    const host = addHost(t.db, "host@example.org");
    const event = addEvent(t.db, host, { timeZone: "America/New_York" });
    addGuestList(t.db, host, event.id, "Ada <ada@example.org>");
    sendInvites(t.db, host, event.id);
    addGuestList(t.db, host, event.id, "Late <late@example.org>");
    const token = t.db.select({ token: guests.token }).from(guests).where(eq(guests.email, "ada@example.org")).get()!.token;
    expect(recordRsvp(t.db, token, { answer: "no", note: "=cmd|' /C calc'!A0" }, new Date("2026-11-02T15:30:00Z"))).toBe("recorded");

    expect(cells(guestListCsv(listGuests(t.db, event.id), event.timeZone)).slice(1)).toEqual([
      ["Ada", "ada@example.org", "No", "'=cmd|' /C calc'!A0", "2026-11-02T10:30:00-05:00", "Queued", "No"],
      ["Late", "late@example.org", "", "", "", "Not invited", "No"],
    ]);
  });
});

describe("the download", () => {
  it("names the file after the event in plain ASCII", () => {
    expect(guestCsvFileName("Fête d'été 2026!")).toBe("fete-d-ete-2026-guests.csv");
    expect(guestCsvFileName('"; filename=evil.exe')).toBe("filename-evil-exe-guests.csv");
    expect(guestCsvFileName("パーティー")).toBe("guests.csv");
    expect(guestCsvFileName(`${"a".repeat(59)} b`)).toBe(`${"a".repeat(59)}-guests.csv`);
  });

  it("is an attachment, typed as CSV, that no cache keeps", async () => {
    const response = guestCsvResponse("Winter dinner", [row({ email: "ada@example.org" })], "UTC");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="winter-dinner-guests.csv"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toContain("ada@example.org");
  });
});
