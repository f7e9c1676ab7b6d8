import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

// Addresses of their own: sign-in links are rate limited per address.
const HOST = "cohost-owner@example.test";
const COHOST = "cohost-ada@example.test";
const GUEST = "cohost-guest@example.test";

/** A server-rendered form's fields (JavaScript off), to post it again as someone else. */
async function formFields(browser: Browser, owner: Page, path: string, button: string): Promise<[string, string][]> {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await owner.context().storageState() });
  const page = await context.newPage();
  await page.goto(path);
  const fields = await page
    .getByRole("button", { name: button })
    .evaluate((b) => [...new FormData((b as HTMLButtonElement).form!).entries()].map(([k, v]) => [k, String(v)] as [string, string]));
  await context.close();
  return fields;
}

test("a co-host signs in with their own link, manages the guests, and cannot delete the event", async ({ page, browser, baseURL }) => {
  await signIn(page, HOST);
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Shared supper");
  await page.getByLabel("Starts").fill("2031-09-12T19:00");
  await page.getByLabel("Ends").fill("2031-09-12T22:00");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: "Shared supper" })).toBeVisible();
  const eventPath = new URL(page.url()).pathname;

  // The host adds a co-host; their own address and a second time are refused, with a reason.
  const cohosts = page.getByRole("region", { name: "Co-hosts" });
  const before = await newestMailId(page);
  await page.goto(eventPath);
  await cohosts.getByLabel("Co-host's email").fill(COHOST);
  await cohosts.getByRole("button", { name: "Add co-host" }).click();
  await expect(cohosts.getByText(`${COHOST} is a co-host now`)).toBeVisible();
  await expect(cohosts.locator("li[data-cohost]")).toHaveText([new RegExp(COHOST)]);
  await cohosts.getByLabel("Co-host's email").fill(COHOST.toUpperCase());
  await cohosts.getByRole("button", { name: "Add co-host" }).click();
  await expect(cohosts.getByText(`${COHOST.toUpperCase()} is already a co-host of this event.`)).toBeVisible();
  await cohosts.getByLabel("Co-host's email").fill(HOST);
  await cohosts.getByRole("button", { name: "Add co-host" }).click();
  await expect(cohosts.getByText("That is your own address: you already host this event.")).toBeVisible();
  const deleteForm = await formFields(browser, page, `${eventPath}/delete`, "Yes, delete the event");
  const removeForm = await formFields(browser, page, eventPath, `Remove co-host ${COHOST}`);

  // The co-host follows the email: it names the host and says to sign in with this address.
  const mail = await openLatestMail(page, COHOST, /added you as a co-host/, before);
  expect(mail).toContain(`sign in with this email address, ${COHOST}`);
  const eventLink = linkIn(mail, /\/events\/[\w-]+$/);
  expect(new URL(eventLink).pathname).toBe(eventPath);

  const cohostContext = await browser.newContext();
  const cohost = await cohostContext.newPage();
  // Signed out, the link leads to the sign-in form, and the sign-in link back to the event.
  const beforeSignIn = await newestMailId(cohost);
  await cohost.goto(eventLink);
  await expect(cohost).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(eventPath)}$`));
  await cohost.getByLabel("Email address").fill(COHOST);
  await cohost.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(cohost.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const signInMail = await openLatestMail(cohost, COHOST, /Sign in/, beforeSignIn);
  await cohost.goto(linkIn(signInMail, /\/api\/auth\/callback\/nodemailer/));
  await expect(cohost.getByRole("heading", { name: "Shared supper" })).toBeVisible();
  await cohost.goto("/events");
  const listed = cohost.getByRole("listitem").filter({ has: cohost.getByRole("link", { name: "Shared supper" }) });
  await expect(listed.getByText("Co-host", { exact: true })).toBeVisible();
  await cohost.goto(eventLink);
  await expect(cohost.getByTestId("cohost-note")).toHaveText("You co-host this event with cohost-owner. Only cohost-owner can delete it or change its co-hosts.");
  // Sharing stays the host's: no co-host card for a co-host.
  await expect(cohost.getByRole("region", { name: "Co-hosts" })).toHaveCount(0);

  // The co-host adds a guest and sends the invitation, which goes out in the host's name.
  await cohost.getByPlaceholder("Email").fill(GUEST);
  await cohost.getByRole("button", { name: "Add guest" }).click();
  await expect(cohost.getByText("Added 1 guest.")).toBeVisible();
  const beforeInvite = await newestMailId(cohost);
  await cohost.goto(eventPath);
  await cohost.getByRole("button", { name: "Send invites (1)" }).click();
  const invitation = await openLatestMail(cohost, GUEST, /invites you/, beforeInvite);
  expect(invitation).toContain("cohost-owner would love to see you at");

  // No way to delete: no link on the edit page, no delete page, and the host's form replayed is refused.
  await cohost.goto(`${eventPath}/edit`);
  await expect(cohost.getByRole("heading", { name: "Edit event" })).toBeVisible();
  await expect(cohost.getByRole("link", { name: "Cancel event…" })).toBeVisible();
  await expect(cohost.getByRole("link", { name: "Delete event…" })).toHaveCount(0);
  expect((await cohost.request.get(`${eventPath}/delete`, { maxRedirects: 0 })).status()).toBe(404);
  const replayed = await cohost.request.post(`${eventPath}/delete`, { multipart: Object.fromEntries(deleteForm), headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(replayed.status()).toBe(404);
  // Nor can a co-host take themselves or others off the list: that is the host's too.
  const unshared = await cohost.request.post(eventPath, { multipart: Object.fromEntries(removeForm), headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(unshared.status()).toBe(404);
  await cohostContext.close();

  // The host still has the event, with the co-host's guest on it.
  await page.goto(eventPath);
  await expect(page.getByRole("heading", { name: "Shared supper" })).toBeVisible();
  await expect(page.locator(`tr[data-guest="${GUEST}"]`)).toHaveCount(1);
  await expect(page.locator(`li[data-cohost="${COHOST}"]`)).toHaveCount(1);
  await page.goto(`${eventPath}/edit`);
  await expect(page.getByRole("link", { name: "Delete event…" })).toBeVisible();
});

test("the host removes a co-host, who then finds nothing", async ({ page, browser }) => {
  await signIn(page, "cohost-remover@example.test");
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Short-lived sharing");
  await page.getByLabel("Starts").fill("2031-10-01T19:00");
  await page.getByLabel("Ends").fill("2031-10-01T22:00");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: "Short-lived sharing" })).toBeVisible();
  const eventPath = new URL(page.url()).pathname;
  const cohosts = page.getByRole("region", { name: "Co-hosts" });
  await cohosts.getByLabel("Co-host's email").fill("cohost-removed@example.test");
  await cohosts.getByRole("button", { name: "Add co-host" }).click();
  await expect(cohosts.locator("li[data-cohost]")).toHaveCount(1);

  const removed = await browser.newContext();
  const removedPage = await removed.newPage();
  await signIn(removedPage, "cohost-removed@example.test");
  expect((await removedPage.request.get(eventPath)).status()).toBe(200);

  // Removing asks first; declining keeps the co-host.
  page.once("dialog", (dialog) => dialog.dismiss());
  await cohosts.getByRole("button", { name: "Remove co-host cohost-removed@example.test" }).click();
  await expect(cohosts.locator("li[data-cohost]")).toHaveCount(1);
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Remove cohost-removed@example.test as a co-host?");
    return dialog.accept();
  });
  await cohosts.getByRole("button", { name: "Remove co-host cohost-removed@example.test" }).click();
  await expect(cohosts.locator("li[data-cohost]")).toHaveCount(0);

  expect((await removedPage.request.get(eventPath, { maxRedirects: 0 })).status()).toBe(404);
  await removedPage.goto("/events");
  await expect(removedPage.getByText("No events yet.")).toBeVisible();
  await removed.close();
});
