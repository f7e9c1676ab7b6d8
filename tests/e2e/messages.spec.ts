import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

const HOST = "host-messages@example.test";

test("guests see who is coming; the host messages those who have not answered, and only they get it", async ({ page, browser }) => {
  await signIn(page, HOST);
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Lake picnic");
  await page.getByLabel("Starts").fill("2031-07-04T12:00");
  await page.getByLabel("Ends").fill("2031-07-04T17:00");
  await page.getByLabel("Guests see").selectOption({ label: "who is coming (names and answers)" });
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: "Lake picnic" })).toBeVisible();
  const eventPath = new URL(page.url()).pathname;

  const beforeInvites = await newestMailId(page);
  await page.goto(eventPath);
  await page.getByLabel("Paste many at once").fill("Ann Early <ann.msg@example.test>\nBen Later <ben.msg@example.test>\nCat Later <cat.msg@example.test>");
  await page.getByRole("button", { name: "Add these guests" }).click();
  await page.getByRole("button", { name: "Send invites (3)" }).click();
  const invitation = await openLatestMail(page, "ann.msg@example.test", /invites you/, beforeInvites);

  // Ann says yes from her email; her page then lists her among those coming, with no addresses.
  const guest = await browser.newContext({ javaScriptEnabled: false });
  const guestPage = await guest.newPage();
  await guestPage.goto(linkIn(invitation, /\/i\/[\w-]+\?answer=yes$/));
  await guestPage.getByRole("button", { name: "Send my answer" }).click();
  await expect(guestPage.getByRole("status")).toContainText("your answer is saved: Yes");
  const list = guestPage.getByTestId("guest-list");
  await expect(list).toContainText("1 coming · 0 maybe · 0 can't");
  await expect(list).toContainText("Coming (1): Ann Early");
  await expect(list).not.toContainText("Ben");
  expect(await guestPage.content()).not.toContain("ben.msg@example.test");
  await guest.close();

  // The host writes to those who have not answered: the button says how many it reaches.
  const beforeMessage = await newestMailId(page);
  await page.goto(eventPath);
  const form = page.getByRole("form", { name: "Message guests" });
  await expect(form.getByRole("button", { name: "Send to 3 guests" })).toBeVisible();
  // The count follows the choice once the page is interactive.
  await expect(async () => {
    await form.getByLabel("To").selectOption("unanswered");
    await expect(form.getByRole("button", { name: "Send to 2 guests" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await form.getByLabel("Subject").fill("Parking & the <back> gate");
  await form.getByLabel("Message", { exact: true }).fill("Park behind the school.\nThe back gate is open from 11:30.");
  await form.getByRole("button", { name: "Send to 2 guests" }).click();
  await expect(page.getByTestId("message-outcome")).toContainText("Sent to 2 guests");
  await expect(page.locator('tr[data-guest="ben.msg@example.test"] [data-testid=notice]')).toContainText(/Message: (queued|accepted by relay|delivered to provider)/);

  const subject = /Parking & the <back> gate — Lake picnic/;
  for (const to of ["ben.msg@example.test", "cat.msg@example.test"]) {
    const text = await openLatestMail(page, to, subject, beforeMessage);
    expect(text).toContain("Park behind the school.\nThe back gate is open from 11:30.");
    expect(text).toMatch(/\/i\/[\w-]+/);
  }
  // Both went in the same transaction as anything Ann would have got: she got nothing.
  await page.goto("/dev/mailbox");
  await expect(page.locator('tr[data-message-to="ann.msg@example.test"]').filter({ hasText: subject })).toHaveCount(0);
  await expect(page.locator('tr[data-message-to="ann.msg@example.test"]').filter({ hasText: /invites you/ })).toHaveCount(1);
});
