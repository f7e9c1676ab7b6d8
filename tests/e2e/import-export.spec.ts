import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

const HOST = "host-csv@example.test";
const TITLE = "Spring picnic";

/** What Excel writes in much of Europe: a byte-order mark, semicolons, CRLF. */
const EXCEL_CSV = [
  "\uFEFFFirst name;Last name;E-mail",
  "Ada;Lovelace;ada@example.test",
  '"Hopper; Grace";;grace@example.test',
  "No;Address;",
  ";;alan@gmial.com",
  ";;ADA@example.test",
  '=HYPERLINK("http://evil.example");;mallory@example.test',
  "",
].join("\r\n");

type State = Awaited<ReturnType<BrowserContext["storageState"]>>;

test.describe.serial("a host imports guests from a CSV file, exports the list and duplicates the event", () => {
  let eventPath = "";
  // One sign-in for the whole file: sign-in links are rate limited per address.
  let hostState: State;
  const asHost = async (browser: Browser, javaScriptEnabled = true) => {
    const context = await browser.newContext({ storageState: hostState, javaScriptEnabled });
    return { context, page: await context.newPage() };
  };

  test("an Excel CSV is imported through the same checks as a paste, each refused row explained", async ({ page }) => {
    await signIn(page, HOST);
    hostState = await page.context().storageState();
    await page.goto("/events/new");
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Starts").fill("2031-04-12T12:00");
    await page.getByLabel("Ends").fill("2031-04-12T16:00");
    await page.getByLabel("Time zone").selectOption("Europe/Paris");
    await page.getByRole("button", { name: "Create event" }).click();
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
    eventPath = new URL(page.url()).pathname;

    await page.getByLabel("Import a CSV file").setInputFiles({ name: "guests.csv", mimeType: "text/csv", buffer: Buffer.from(EXCEL_CSV) });
    await page.getByRole("button", { name: "Import guests" }).click();
    const outcome = page.locator("#import-outcome");
    await expect(outcome).toContainText("Added 4 guests. 2 entries could not be added:");
    await expect(outcome.getByTestId("rejected-guests").locator("li")).toHaveText(["Row 4: No Address — the email column is empty", "Row 6: ADA@example.test — listed twice in this file"]);
    await expect(outcome.getByTestId("typo-hints")).toHaveText("Row 5: alan@gmial.com — did you mean alan@gmail.com?");
    await expect(page.locator("tr[data-guest]")).toHaveCount(4);
    await expect(page.locator('tr[data-guest="ada@example.test"]')).toContainText("Ada Lovelace");
    await expect(page.locator('tr[data-guest="grace@example.test"]')).toContainText("Hopper; Grace");

    // A second import of the same file adds nobody twice.
    await page.getByLabel("Import a CSV file").setInputFiles({ name: "guests.csv", mimeType: "text/csv", buffer: Buffer.from(EXCEL_CSV) });
    await page.getByRole("button", { name: "Import guests" }).click();
    await expect(outcome).toContainText("Added 0 guests. 6 entries could not be added:");
    await expect(outcome.getByTestId("rejected-guests")).toContainText("Row 2: ada@example.test — already on the guest list");

    // Too large: refused as soon as it is chosen, and never sent.
    await page.getByLabel("Import a CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(1024 * 1024 + 1, " ") });
    await expect(outcome).toHaveText(/larger than 1 MB/);
    await page.getByRole("button", { name: "Import guests" }).click();
    await expect(page.locator("tr[data-guest]")).toHaveCount(4);
  });

  test("without JavaScript the form posts the file, and the server explains a file it cannot take", async ({ browser }) => {
    const { context, page } = await asHost(browser, false);
    await page.goto(eventPath);
    const importFile = async (name: string, buffer: Buffer) => {
      await page.getByLabel("Import a CSV file").setInputFiles({ name, mimeType: "text/csv", buffer });
      await page.getByRole("button", { name: "Import guests" }).click();
    };
    // Over the limit, yet within what the server takes in: the app's own words, not Next's.
    await importFile("big.csv", Buffer.alloc(1024 * 1024 + 200_000, " "));
    await expect(page.locator("#import-outcome")).toHaveText(/This file is larger than 1 MB/);
    await importFile("guests.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    await expect(page.locator("#import-outcome")).toHaveText(/This is a spreadsheet file, not CSV/);
    await importFile("names.csv", Buffer.from("Nom,Courriel\nLinus,linus@example.test\n"));
    await expect(page.locator("#import-outcome")).toHaveText(/No email column found\..*“Nom”, “Courriel”/);
    await importFile("one.csv", Buffer.from("linus@example.test\n"));
    await expect(page.locator("#import-outcome")).toHaveText("Added 1 guest.");
    await expect(page.locator("tr[data-guest]")).toHaveCount(5);
    await context.close();
  });

  test("the export has every guest with their answer, note and invitation, formulas defused", async ({ browser }) => {
    const { context, page } = await asHost(browser);
    await page.goto(eventPath);
    const before = await newestMailId(page);
    await page.goto(eventPath);
    await page.getByRole("button", { name: "Send invites (5)" }).click();
    await expect(page.locator("[data-stage=delivered]")).toContainText("Delivered to provider: 5");
    const mail = await openLatestMail(page, "ada@example.test", /invites you/, before);
    await page.goto(linkIn(mail, /\/i\/[\w-]+\?answer=yes$/));
    await page.getByLabel("Note to the host").fill("=1+1, and a \"tart\"");
    await page.getByRole("button", { name: "Send my answer" }).click();
    await expect(page.getByRole("status")).toContainText("your answer is saved");

    await page.goto(eventPath);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("spring-picnic-guests.csv");
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("\uFEFFName,Email,Answer,Note,Answered at,Invitation,Unsubscribed");
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe("");
    // The note is quoted and defused; the time is in the event's zone (Paris), offset included.
    const ada = lines.find((l) => l.startsWith("Ada Lovelace,"));
    expect(ada).toMatch(/^Ada Lovelace,ada@example\.test,Yes,"'=1\+1, and a ""tart""",\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00,Delivered to provider,No$/);
    expect(lines).toContain('"\'=HYPERLINK(""http://evil.example"")",mallory@example.test,,,,Delivered to provider,No');
    expect(lines).toContain("Hopper; Grace,grace@example.test,,,,Delivered to provider,No");
    expect(lines).toContain(",linus@example.test,,,,Delivered to provider,No");
    await context.close();
  });

  test("duplicating gives a new event with the same guests, none invited, and leaves the original alone", async ({ browser }) => {
    const { context, page } = await asHost(browser);
    await page.goto(eventPath);
    await page.getByRole("button", { name: "Duplicate" }).click();
    await expect(page.getByRole("heading", { name: `${TITLE} (copy)` })).toBeVisible();
    expect(new URL(page.url()).pathname).not.toBe(eventPath);
    await expect(page.getByTestId("duplicated-notice")).toContainText("5 guests: no answers, and nobody is invited yet");
    await expect(page.getByText("Sat, 12 Apr 2031, 12:00 – 16:00 CEST")).toBeVisible();
    await expect(page.locator("tr[data-guest]")).toHaveCount(5);
    await expect(page.locator('tr[data-guest="ada@example.test"]')).toContainText("No answer");
    await expect(page.getByTestId("answer-counts")).toHaveText("5 guests · 0 yes · 0 no · 0 maybe · 5 no answer");
    await expect(page.locator("[data-stage=not_invited]")).toContainText("Not invited: 5");
    await expect(page.getByRole("button", { name: "Send invites (5)" })).toBeVisible();

    await page.goto(eventPath);
    await expect(page.getByTestId("answer-counts")).toHaveText("5 guests · 1 yes · 0 no · 0 maybe · 4 no answer");
    await page.goto("/events");
    await expect(page.getByRole("link", { name: TITLE, exact: true })).toHaveCount(1);
    await expect(page.getByRole("link", { name: `${TITLE} (copy)` })).toHaveCount(1);
    await context.close();
  });
});
