import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

const SCRIPT = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const LONG = "Ü".repeat(180);

test("text a user types is shown as text everywhere, never run, in pages and in emails", async ({ page, browser }) => {
  page.on("dialog", (dialog) => {
    throw new Error(`a script ran: ${dialog.message()}`);
  });
  await signIn(page, "hostile@example.test");
  await page.goto("/account");
  await page.getByLabel("Your name, as guests see it").fill(`Mallory ${SCRIPT}`.slice(0, 80));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.goto("/events/new");
  await page.getByLabel("Title").fill(`Party ${SCRIPT}`);
  await page.getByLabel("Description").fill(`Line one "quoted" & 'single'\n${SCRIPT}\nעברית مرحبا 🎉\n${LONG}`);
  await page.getByLabel("Starts").fill("2033-05-05T18:00");
  await page.getByLabel("Ends").fill("2033-05-05T20:00");
  await page.getByLabel("Address").fill(`1 "Main" St ${SCRIPT}`);
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: `Party ${SCRIPT}` })).toBeVisible();
  await expect(page.getByText(`1 "Main" St ${SCRIPT}`)).toBeVisible();
  await expect(page.getByText("עברית مرحبا 🎉")).toBeVisible();
  const eventPath = new URL(page.url()).pathname;

  // A line break or a direction override where only one line belongs is refused outright.
  await page.goto(`${eventPath}/edit`);
  await page.getByLabel("Title").fill("Evil\u202Eeman");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Title contains characters that are not allowed")).toBeVisible();

  await page.goto(eventPath);
  // Angle brackets cannot be part of a name that goes into a mail header.
  await page.getByPlaceholder("Name").fill(`Eve ${SCRIPT}`.slice(0, 100));
  await page.getByPlaceholder("Email").fill("eve@example.test");
  await page.getByRole("button", { name: "Add guest" }).click();
  await expect(page.getByTestId("rejected-guests")).toContainText("name contains characters that are not allowed");
  await page.getByPlaceholder("Name").fill(`Eve "the hacker" & O'Brien`);
  await page.getByPlaceholder("Email").fill("eve@example.test");
  await page.getByRole("button", { name: "Add guest" }).click();
  await expect(page.getByText("Added 1 guest.")).toBeVisible();
  const before = await newestMailId(page);
  await page.goto(eventPath);
  await page.getByRole("button", { name: "Send invites (1)" }).click();
  const mail = await openLatestMail(page, "eve@example.test", /invites you/, before);
  expect(mail).toContain(`Party ${SCRIPT}`);
  await page.getByRole("link", { name: "HTML" }).click();
  await expect(page.frameLocator("iframe").getByText(`1 "Main" St ${SCRIPT}`)).toBeVisible();

  const guest = await (await browser.newContext()).newPage();
  guest.on("dialog", (dialog) => {
    throw new Error(`a script ran on the guest's page: ${dialog.message()}`);
  });
  await guest.goto(linkIn(mail, /\/i\/[\w-]+$/));
  await expect(guest.getByRole("heading", { name: `Party ${SCRIPT}` })).toBeVisible();
  await guest.getByLabel("Maybe").check();
  await guest.getByLabel("Note to the host").fill(`${SCRIPT}\n"quoted"`);
  await guest.getByRole("button", { name: "Send my answer" }).click();
  await expect(guest.getByRole("status")).toContainText("your answer is saved");
  await guest.context().close();

  await page.goto(eventPath);
  await expect(page.locator('tr[data-guest="eve@example.test"]')).toContainText(`Eve "the hacker" & O'Brien`);
  await expect(page.locator('tr[data-guest="eve@example.test"]')).toContainText(SCRIPT);
  const note = await openLatestMail(page, "hostile@example.test", /answered Maybe/);
  expect(note).toContain(SCRIPT);
});
