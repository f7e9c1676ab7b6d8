import { expect, test } from "./fixtures";
import { linkIn, openLatestMail, signIn } from "./mailbox";

const HOST = "host-fixes@example.test";
const TITLE = "Fix-up <picnic>";

test.describe.serial("typos pointed out, addresses fixed in place, guests unsubscribing", () => {
  let eventPath = "";

  test("the host adds a mistyped address, is told, invites, and fixes it: the old link dies, the new one works", async ({ page }) => {
    await signIn(page, HOST);
    await page.goto("/events/new");
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Starts").fill("2031-07-04T12:00");
    await page.getByLabel("Ends").fill("2031-07-04T16:00");
    await page.getByLabel("Time zone").selectOption("Europe/Paris");
    await page.getByRole("button", { name: "Create event" }).click();
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
    eventPath = new URL(page.url()).pathname;

    await page.getByLabel("Paste many at once").fill("Typo <typo@gmial.com>\noneclick@example.test");
    await page.getByRole("button", { name: "Add these guests" }).click();
    // Pointed out, and added all the same.
    await expect(page.getByText("Added 2 guests.")).toBeVisible();
    await expect(page.getByTestId("typo-hints")).toHaveText("Line 1: typo@gmial.com — did you mean typo@gmail.com?");

    await page.getByRole("button", { name: "Send invites (2)" }).click();
    await expect(page.getByRole("button", { name: "Everyone is invited" })).toBeDisabled();
    const oldMail = await openLatestMail(page, "typo@gmial.com", /invites you/);
    const oldLink = linkIn(oldMail, /\/i\/[\w-]+$/);
    await page.getByRole("link", { name: "Source" }).click();
    await expect(page.getByTestId("message-raw")).toContainText("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    await page.goto(eventPath);
    const row = page.locator('tr[data-guest="typo@gmial.com"]');
    await row.locator("summary", { hasText: "Fix address" }).click();
    const field = row.getByLabel("Correct address");
    await expect(field).toHaveValue("typo@gmial.com");
    // A mistake in the correction is explained, and what was typed stays.
    await field.fill("oneclick@example.test");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText("oneclick@example.test is already on the guest list")).toBeVisible();
    await expect(row.getByLabel("Correct address")).toHaveValue("oneclick@example.test");

    await row.getByLabel("Correct address").fill("typo@gmail.com");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Address fixed." })).toContainText("a new invitation is on its way");
    await expect(page.locator('tr[data-guest="typo@gmail.com"]')).toBeVisible();
    await expect(page.locator('tr[data-guest="typo@gmial.com"]')).toHaveCount(0);

    expect((await page.goto(oldLink))?.status()).toBe(404);
    await expect(page.getByText("Fix-up")).toHaveCount(0);

    const newMail = await openLatestMail(page, "typo@gmail.com", /invites you/);
    const newLink = linkIn(newMail, /\/i\/[\w-]+$/);
    expect(newLink).not.toBe(oldLink);
    expect((await page.goto(newLink))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(page.getByText("invites Typo to")).toBeVisible();
  });

  test("a guest opens the unsubscribe link without being unsubscribed, confirms, and the host sees it", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const mail = await openLatestMail(page, "typo@gmail.com", /invites you/);
    const link = linkIn(mail, /\/u\/[\w-]+$/);

    // Opening it (as mail scanners do) only asks, however often.
    for (let i = 0; i < 2; i++) {
      const response = await page.goto(link);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
      await expect(page.getByRole("heading", { name: `Stop emails about ${TITLE}?` })).toBeVisible();
    }
    // Its own styles are allowed by the page's Content-Security-Policy.
    await expect(page.getByRole("button", { name: "Stop emails about this event" })).toHaveCSS("background-color", "rgb(79, 70, 229)");
    await page.getByRole("button", { name: "Stop emails about this event" }).click();
    await expect(page.getByRole("heading", { name: `You won't get more emails about ${TITLE}` })).toBeVisible();
    await page.goto(link);
    await expect(page.getByRole("heading", { name: `You won't get more emails about ${TITLE}` })).toBeVisible();
    await context.close();
  });

  test("a mail client's one-click POST unsubscribes without cookies; unknown links reveal nothing", async ({ page, request }) => {
    await signIn(page, HOST);
    const mail = await openLatestMail(page, "oneclick@example.test", /invites you/);
    const link = linkIn(mail, /\/u\/[\w-]+$/);

    const response = await request.post(link, { form: { "List-Unsubscribe": "One-Click" } });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("You won't get more emails about Fix-up &lt;picnic&gt;");

    for (const path of [`/u/${"A".repeat(32)}`, "/u/not-a-token", `/u/${"A".repeat(31)}%27`]) {
      const get = await request.get(path);
      expect(get.status()).toBe(404);
      expect(await get.text()).not.toContain("Fix-up");
      const post = await request.post(path, { form: { "List-Unsubscribe": "One-Click" } });
      expect(post.status()).toBe(404);
      expect(await post.text()).not.toContain("Fix-up");
    }

    await page.goto(eventPath);
    for (const email of ["typo@gmail.com", "oneclick@example.test"]) {
      const row = page.locator(`tr[data-guest="${email}"]`);
      await expect(row.getByTestId("unsubscribed")).toHaveText("Unsubscribed");
      await expect(row.getByRole("button", { name: /Resend/ })).toHaveCount(0);
    }
  });

  test("fixing an address works with JavaScript off, and a new address starts subscribed", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, HOST);
    await page.goto(eventPath);
    const row = page.locator('tr[data-guest="typo@gmail.com"]');
    await row.locator("summary", { hasText: "Fix address" }).click();
    await row.getByLabel("Correct address").fill("ONECLICK@example.test");
    await row.getByRole("button", { name: "Save" }).click();
    // The page comes back with the form open, the reason shown and what was typed kept.
    await expect(page.locator('tr[data-guest="typo@gmail.com"]').getByText("ONECLICK@example.test is already on the guest list")).toBeVisible();
    await expect(page.locator('tr[data-guest="typo@gmail.com"]').getByLabel("Correct address")).toHaveValue("ONECLICK@example.test");

    await page.locator('tr[data-guest="typo@gmail.com"]').getByLabel("Correct address").fill("typo.fixed@example.test");
    await page.locator('tr[data-guest="typo@gmail.com"]').getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Address fixed." })).toBeVisible();
    const fixed = page.locator('tr[data-guest="typo.fixed@example.test"]');
    await expect(fixed).toBeVisible();
    await expect(fixed.getByTestId("unsubscribed")).toHaveCount(0);
    const mail = await openLatestMail(page, "typo.fixed@example.test", /invites you/);
    expect(mail).toContain("Fix-up <picnic>");
    await context.close();
  });
});
