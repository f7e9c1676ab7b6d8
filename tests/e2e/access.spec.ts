import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

type CapturedForm = { name: string; path: string; fields: [string, string][] };

/** Every form on a page as the server rendered it (JavaScript off): its server action and arguments. */
async function captureForms(browser: Browser, page: Page, path: string): Promise<CapturedForm[]> {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto(path);
  const forms = await plain.evaluate((path) =>
    [...document.forms].map((form) => ({
      path,
      name: form.getAttribute("aria-label") ?? form.querySelector("button")?.textContent?.trim() ?? "form",
      fields: [...new FormData(form).entries()].map(([k, v]) => [k, String(v)] as [string, string]),
    })),
    path,
  );
  await context.close();
  // Every server-action form but the header's sign-out, which is the visitor's own.
  return forms.filter((f) => f.name !== "Sign out" && f.fields.some(([k]) => k.startsWith("$ACTION")));
}

/** Posts a captured form back to the page it came from, as a browser without JavaScript would. */
function replay(request: APIRequestContext, form: CapturedForm, origin: string) {
  return request.post(form.path, { multipart: Object.fromEntries(form.fields), headers: { origin }, maxRedirects: 0 });
}

test.describe.serial("nobody but the host acts on an event", () => {
  let eventPath = "";
  let forms: CapturedForm[] = [];
  let guestLink = "";
  let ORIGIN = "";
  // The owner signs in once; later tests reuse the session (sign-in links are rate limited).
  let ownerState: Awaited<ReturnType<ReturnType<Page["context"]>["storageState"]>>;

  test("the host's event page has its forms", async ({ page, browser, baseURL }) => {
    await signIn(page, "owner@example.test");
    await page.goto("/events/new");
    await page.getByLabel("Title").fill("Private party");
    await page.getByLabel("Starts").fill("2032-01-01T20:00");
    await page.getByLabel("Ends").fill("2032-01-01T23:00");
    await page.getByRole("button", { name: "Create event" }).click();
    await expect(page.getByRole("heading", { name: "Private party" })).toBeVisible();
    eventPath = new URL(page.url()).pathname;
    await page.getByPlaceholder("Email").fill("secret-guest@example.test");
    await page.getByRole("button", { name: "Add guest" }).click();
    await expect(page.getByText("Added 1 guest.")).toBeVisible();
    const before = await newestMailId(page);
    await page.goto(eventPath);
    await page.getByRole("button", { name: "Send invites (1)" }).click();
    guestLink = new URL(linkIn(await openLatestMail(page, "secret-guest@example.test", /invites you/, before), /\/i\/[\w-]+$/)).pathname;
    // A second guest, not yet invited, so that the page also offers "Send invites".
    await page.goto(eventPath);
    await page.getByPlaceholder("Email").fill("second-guest@example.test");
    await page.getByRole("button", { name: "Add guest" }).click();
    await expect(page.getByText("Added 1 guest.")).toBeVisible();
    // A co-host, so that the page also offers to remove one.
    await page.getByLabel("Co-host's email").fill("owner-cohost@example.test");
    await page.getByRole("button", { name: "Add co-host" }).click();
    await expect(page.locator("li[data-cohost]")).toHaveCount(1);

    ownerState = await page.context().storageState();
    forms = await captureForms(browser, page, eventPath);
    const names = forms.map((f) => f.name);
    for (const name of ["Send invites", "Resend", "Remove", "Add a guest", "Paste guests", "Import guests from CSV", "Duplicate", "Message guests", "Add a co-host", "Remove co-host"]) {
      expect(names.some((n) => n.startsWith(name)), name).toBe(true);
    }
    forms.push(...(await captureForms(browser, page, `${eventPath}/delete`)), ...(await captureForms(browser, page, `${eventPath}/edit`)));
    expect(forms.length).toBeGreaterThanOrEqual(8);
    ORIGIN = baseURL!;
  });

  async function expectUntouched(browser: Browser) {
    const owner = await browser.newContext({ storageState: ownerState });
    const page = await owner.newPage();
    await page.goto(eventPath);
    await expect(page.getByRole("heading", { name: "Private party" })).toBeVisible();
    await expect(page.locator('tr[data-guest="secret-guest@example.test"]')).toHaveCount(1);
    await expect(page.locator("tr[data-guest]")).toHaveCount(2);
    await expect(page.locator('li[data-cohost="owner-cohost@example.test"]')).toHaveCount(1);
    expect((await page.request.get(guestLink)).status()).toBe(200);
    // No replayed "Duplicate" made the owner a copy.
    await page.goto("/events");
    await expect(page.getByRole("link", { name: /Private party/ })).toHaveCount(1);
    await owner.close();
  }

  test("another host replaying every form gets not-found, and nothing changes", async ({ browser }) => {
    const intruder = await browser.newContext();
    const intruderPage = await intruder.newPage();
    await signIn(intruderPage, "intruder@example.test");
    for (const form of forms) {
      const response = await replay(intruder.request, form, ORIGIN);
      expect(response.status(), form.name).toBe(404);
      const text = await response.text();
      expect(text, form.name).not.toContain("secret-guest");
      expect(text, form.name).not.toContain("owner-cohost");
    }
    for (const path of [eventPath, `${eventPath}/edit`, `${eventPath}/delete`, `${eventPath}/event.ics`, `${eventPath}/stamp`, `${eventPath}/guests.csv`]) {
      const response = await intruder.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      const text = await response.text();
      expect(text).not.toContain("Private party");
      expect(text, path).not.toContain("secret-guest");
    }
    // A replayed "Duplicate" made the intruder no copy of the event either.
    await intruderPage.goto("/events");
    await expect(intruderPage.getByText("No events yet.")).toBeVisible();
    await intruder.close();
    await expectUntouched(browser);
  });

  test("a signed-out visitor, or a guest with a personal link, is sent to sign in", async ({ browser }) => {
    const guest = await browser.newContext();
    expect((await guest.request.get(guestLink)).status()).toBe(200);
    for (const form of forms) {
      const response = await replay(guest.request, form, ORIGIN);
      expect([303, 307], form.name).toContain(response.status());
      expect(response.headers()["location"], form.name).toMatch(/\/signin/);
    }
    for (const path of [`${eventPath}/stamp`, `${eventPath}/guests.csv`]) {
      const response = await guest.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).not.toContain("secret-guest");
    }
    await guest.close();
    await expectUntouched(browser);
  });

  test("the host's own forms posted from another origin are refused", async ({ browser }) => {
    const owner = await browser.newContext({ storageState: ownerState });
    const remove = forms.find((f) => f.name.startsWith("Remove"))!;
    const response = await replay(owner.request, remove, "http://evil.example");
    await owner.close();
    expect(response.status()).toBeGreaterThanOrEqual(400);
    await expectUntouched(browser);
  });
});
