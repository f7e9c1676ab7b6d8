import { expect, type Page } from "@playwright/test";

/**
 * Opens the newest message to `to` in the dev mailbox (waiting for it to arrive) and returns
 * its plain-text body, as a person would read it.
 */
export async function openLatestMail(page: Page, to: string, subject?: RegExp, newerThan = 0): Promise<string> {
  const row = () => {
    const rows = page.locator(`tr[data-message-to="${to}"]`);
    return subject ? rows.filter({ hasText: subject }).first() : rows.first();
  };
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(row()).toBeVisible({ timeout: 1_000 });
    expect(Number(await row().getAttribute("data-message-id"))).toBeGreaterThan(newerThan);
  }).toPass({ timeout: 20_000 });
  await row().getByRole("link").click();
  await page.getByRole("link", { name: "Plain text" }).click();
  return (await page.getByTestId("message-text").textContent()) ?? "";
}

/** The first link in an email's text that matches. */
export function linkIn(text: string, pattern: RegExp): string {
  const link = text.match(/https?:\/\/[^\s<>"')\]]+/g)?.find((l) => pattern.test(l));
  if (!link) throw new Error(`No link matching ${pattern} in:\n${text}`);
  return link;
}

/** The id of the newest message in the mailbox, so a test can wait for the next one. */
export async function newestMailId(page: Page): Promise<number> {
  await page.goto("/dev/mailbox");
  const first = page.locator("tr[data-message-id]").first();
  return (await first.count()) ? Number(await first.getAttribute("data-message-id")) : 0;
}

/** Signs in through the real flow: the form, then the link from the mailbox. */
export async function signIn(page: Page, email: string): Promise<void> {
  const before = await newestMailId(page);
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const text = await openLatestMail(page, email, /Sign in/, before);
  await page.goto(linkIn(text, /\/api\/auth\/callback\/nodemailer/));
  await expect(page.getByRole("heading", { name: "Your events" })).toBeVisible();
}
