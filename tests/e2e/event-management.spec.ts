import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

const HOST = "host-manage@example.test";

async function createEvent(page: Page, title: string): Promise<string> {
  await page.goto("/events/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Starts").fill("2031-03-14T18:00");
  await page.getByLabel("Ends").fill("2031-03-14T21:00");
  await page.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByLabel("Online link").fill("https://meet.example.test/pi");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function inviteOne(page: Page, eventPath: string, name: string, email: string): Promise<string> {
  await page.goto(eventPath);
  await page.getByPlaceholder("Name").fill(name);
  await page.getByPlaceholder("Email").fill(email);
  await page.getByRole("button", { name: "Add guest" }).click();
  await expect(page.getByText("Added 1 guest.")).toBeVisible();
  const before = await newestMailId(page);
  await page.goto(eventPath);
  await page.getByRole("button", { name: "Send invites (1)" }).click();
  const mail = await openLatestMail(page, email, /invites you/, before);
  return new URL(linkIn(mail, /\/i\/[\w-]+$/)).pathname;
}

test("a bad form is explained and keeps what was typed; editing changes the event", async ({ page }) => {
  await signIn(page, HOST);
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Pi night");
  await page.getByLabel("Starts").fill("2031-03-14T21:00");
  await page.getByLabel("Ends").fill("2031-03-14T18:00");
  await page.getByLabel("Online link").fill("ftp://meet.example.test");
  await page.getByRole("button", { name: "Create event" }).click();
  // Every problem at once, the times checked against each other too.
  await expect(page.getByText("Online link must start with http:// or https://")).toBeVisible();
  await expect(page.getByText("End must be after the start")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Pi night");
  await expect(page.getByLabel("Starts")).toHaveValue("2031-03-14T21:00");
  await page.getByLabel("Online link").fill("https://meet.example.test/pi");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByText("End must be after the start")).toBeVisible();
  await expect(page).toHaveURL(/\/events\/new$/);

  const eventPath = await createEvent(page, "Pi night");
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Starts")).toHaveValue("2031-03-14T18:00");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await page.getByLabel("Ends").fill("2031-03-14T17:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("End must be after the start")).toBeVisible();
  await page.getByLabel("Title").fill("Pi night, second edition");
  await page.getByLabel("Ends").fill("2031-03-14T22:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`${eventPath}\\?saved=1$`));
  await expect(page.getByRole("heading", { name: "Pi night, second edition" })).toBeVisible();
  await expect(page.getByText("Fri, 14 Mar 2031, 18:00 – 22:00 EDT")).toBeVisible();
});

test("an address already on the list is not added twice, and a removed guest's link stops working", async ({ page }) => {
  await signIn(page, HOST);
  const eventPath = await createEvent(page, "Board games");
  const link = await inviteOne(page, eventPath, "Kurt", "kurt@example.test");
  await page.goto(eventPath);
  await page.getByPlaceholder("Email").fill("KURT@example.test");
  await page.getByRole("button", { name: "Add guest" }).click();
  await expect(page.getByTestId("rejected-guests")).toContainText("already on the guest list");

  expect((await page.goto(link))?.status()).toBe(200);
  await page.goto(eventPath);
  // Removing asks first: dismissing keeps the guest, accepting removes them.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("button", { name: "Remove kurt@example.test" }).click();
  await expect(page.locator('tr[data-guest="kurt@example.test"]')).toHaveCount(1);
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Remove Kurt? Their personal link stops working.");
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Remove kurt@example.test" }).click();
  await expect(page.locator('tr[data-guest="kurt@example.test"]')).toHaveCount(0);
  const gone = await page.goto(link);
  expect(gone?.status()).toBe(404);
  await expect(page.getByText("Board games")).toHaveCount(0);
});

test("after the RSVP deadline the page says answers are closed; the calendar file is stable", async ({ page }) => {
  await signIn(page, HOST);
  const eventPath = await createEvent(page, "Late answers");
  const link = await inviteOne(page, eventPath, "Emmy", "emmy@example.test");

  const first = await page.request.get(`${link}/event.ics`);
  expect(first.headers()["content-type"]).toContain("text/calendar");
  const ics = await first.text();
  expect(ics).toContain(`UID:${eventPath.split("/").pop()}@fastinviter`);
  // 18:00 in New York in March 2031 (daylight time) is 22:00 UTC.
  expect(ics).toContain("DTSTART:20310314T220000Z");
  const second = await (await page.request.get(`${link}/event.ics`)).text();
  expect(second.match(/UID:.*/)?.[0]).toBe(ics.match(/UID:.*/)?.[0]);

  await page.goto(`${eventPath}/edit`);
  await page.getByLabel("RSVP deadline").fill("2020-01-01T12:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Answers are closed" })).toBeVisible();
  await expect(page.getByRole("button", { name: /answer/i })).toHaveCount(0);
});

test("deleting asks first, then the event and its links are gone", async ({ page }) => {
  await signIn(page, HOST);
  const eventPath = await createEvent(page, "Short-lived");
  const link = await inviteOne(page, eventPath, "", "hedy@example.test");
  await page.goto(`${eventPath}/edit`);
  await page.getByRole("link", { name: "Delete event…" }).click();
  await expect(page.getByRole("heading", { name: "Delete “Short-lived”?" })).toBeVisible();
  await page.getByRole("link", { name: "Keep it" }).click();
  await expect(page).toHaveURL(new RegExp(`${eventPath}$`));

  await page.goto(`${eventPath}/delete`);
  await page.getByRole("button", { name: "Yes, delete the event" }).click();
  await expect(page.getByText("The event was deleted.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Short-lived" })).toHaveCount(0);
  expect((await page.goto(link))?.status()).toBe(404);
  expect((await page.goto(eventPath))?.status()).toBe(404);
});

test("a host sets the name guests see, and invitations use it", async ({ page, browser }) => {
  await signIn(page, "emmy@example.test");
  await expect(page.getByText("Guests will see you as “emmy”.")).toBeVisible();
  await page.getByRole("link", { name: "Set your name" }).click();
  await page.getByLabel("Your name, as guests see it").fill("Emmy Noether");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved. Guests now see “Emmy Noether”.")).toBeVisible();
  const eventPath = await createEvent(page, "Algebra tea");
  const link = await inviteOne(page, eventPath, "Olga", "olga@example.test");
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(link);
  await expect(guest.getByText("Emmy Noether invites Olga to")).toBeVisible();
  // Guests on their own page are not offered to sign in.
  await expect(guest.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await guest.context().close();
});

test("a host cancels: invited guests get the message and a calendar cancel, and their link shows it", async ({ page, browser }) => {
  await signIn(page, "canceller@example.test");
  const eventPath = await createEvent(page, "Rooftop drinks");
  const link = await inviteOne(page, eventPath, "Lise", "lise@example.test");
  await page.goto(`${eventPath}/edit`);
  await page.getByRole("link", { name: "Cancel event…" }).click();
  await expect(page.getByText("1 invited guest will get an email with your message and a calendar cancel.")).toBeVisible();
  const before = await newestMailId(page);
  await page.goto(`${eventPath}/cancel`);
  await page.getByLabel("Message to guests").fill("Storm warning.\nNew date soon!");
  await page.getByRole("button", { name: "Cancel and tell 1 guest" }).click();
  await expect(page.getByTestId("cancelled-banner")).toContainText("Event cancelled.");
  await expect(page.getByRole("button", { name: /Send invites/ })).toHaveCount(0);

  const mail = await openLatestMail(page, "lise@example.test", /Cancelled: Rooftop drinks/, before);
  expect(mail).toContain("Storm warning.\nNew date soon!");
  await expect(page.getByText(/\.ics \(text\/calendar/)).toBeVisible();
  await page.getByRole("link", { name: "Source" }).click();
  await expect(page.getByTestId("message-raw")).toContainText("method=CANCEL");

  const guest = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "This event is cancelled" })).toBeVisible();
  await expect(guest.getByText("“Storm warning.")).toBeVisible();
  await expect(guest.getByRole("button", { name: /answer/i })).toHaveCount(0);
  await guest.context().close();

  await page.goto("/events");
  await expect(page.getByRole("listitem").filter({ hasText: "Rooftop drinks" })).toContainText("Cancelled");
});
