import { expect, test, watchOffsiteRequests } from "./fixtures";
import { linkIn, openLatestMail, signIn } from "./mailbox";

test.describe.serial("a host invites, a guest answers, another host is kept out", () => {
  let eventPath = "";

  test("a new host signs in with the emailed link and creates an event", async ({ page }) => {
    await signIn(page, "host-one@example.test");
    await page.getByRole("link", { name: "New event" }).click();
    await page.getByLabel("Title").fill("Solstice <dinner> & games");
    await page.getByLabel("Description").fill("Bring a dish.\nNo <b>gifts</b>.");
    await page.getByLabel("Starts").fill("2030-06-21T19:00");
    await page.getByLabel("Ends").fill("2030-06-21T23:00");
    await page.getByLabel("Time zone").selectOption("Europe/Paris");
    await page.getByLabel("Address").fill("12 Rue des Lilas, Paris");
    await page.getByRole("button", { name: "Create event" }).click();

    await expect(page.getByRole("heading", { name: "Solstice <dinner> & games" })).toBeVisible();
    // Shown in the event's zone, whatever the server's or the browser's zone.
    await expect(page.getByText("Fri, 21 Jun 2030, 19:00 – 23:00 CEST")).toBeVisible();
    // The description keeps its line breaks and shows markup as text.
    await expect(page.getByText("No <b>gifts</b>.")).toBeVisible();
    eventPath = new URL(page.url()).pathname;
    expect(eventPath).toMatch(/^\/events\/[0-9a-f-]{36}$/);
  });

  test("the host pastes three guests, sees a bad line explained, and sends invites", async ({ page }) => {
    await signIn(page, "host-one@example.test");
    await page.goto(eventPath);
    await page.getByLabel("Paste many at once").fill("Ada Lovelace <ada@example.test>\ngrace@example.test; Alan <alan@example.test>\nnot an address");
    await page.getByRole("button", { name: "Add these guests" }).click();
    await expect(page.getByText("Added 3 guests. 1 entry could not be added:")).toBeVisible();
    await expect(page.getByTestId("rejected-guests")).toContainText("Line 3: not an address — no email address found");

    await page.getByRole("button", { name: "Send invites (3)" }).click();
    // The relay's reports reach the page by themselves, without a reload.
    for (const email of ["ada@example.test", "grace@example.test", "alan@example.test"]) {
      await expect(page.locator(`tr[data-guest="${email}"] [data-delivery="delivered"]`)).toBeVisible();
    }
    await expect(page.locator("[data-stage=delivered]")).toContainText("Delivered to provider: 3");
    await expect(page.locator('tr[data-guest="ada@example.test"]')).toContainText("Kept in the dev mailbox");
  });

  test("a guest answers Yes from the link in their email, with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const offsite = watchOffsiteRequests(context);
    const page = await context.newPage();
    const mail = await openLatestMail(page, "ada@example.test", /invites you/);
    expect(mail).toContain("Solstice <dinner> & games");
    await page.goto(linkIn(mail, /\/i\/[\w-]+\?answer=yes$/));
    // Opening the link only preselects; nothing is saved yet.
    await expect(page.getByRole("heading", { name: "Will you come?" })).toBeVisible();
    await expect(page.getByLabel("Yes, I'll be there")).toBeChecked();
    await page.getByLabel("Note to the host").fill("Bringing a <tart>");
    await page.getByRole("button", { name: "Send my answer" }).click();
    await expect(page.getByRole("status")).toContainText("your answer is saved: Yes, I'll be there");

    const confirmation = await openLatestMail(page, "ada@example.test", /You're going/);
    expect(confirmation).toContain("Solstice <dinner> & games");
    await expect(page.getByText(/\.ics \(text\/calendar\)/)).toBeVisible();
    expect(offsite).toEqual([]);
    await context.close();
  });

  test("the guest's page sends no Referer, shows the guest's own time, and refuses a post from another site", async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: "America/New_York" });
    const page = await context.newPage();
    const link = linkIn(await openLatestMail(page, "ada@example.test", /invites you/), /\/i\/[\w-]+$/);
    const response = await page.goto(link);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    // The event is in Paris; this browser is in New York, and the page's own script says so.
    await expect(page.getByTestId("local-time")).toHaveText(/^Your time: .*01:00 PM EDT – .*05:00 PM EDT$/);
    await expect(page.getByRole("button", { name: "Update my answer" })).toHaveCSS("background-color", "rgb(79, 70, 229)");

    const forged = await context.request.post(link, { headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" }, form: { answer: "no" }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.reload();
    await expect(page.getByLabel("Yes, I'll be there")).toBeChecked();
    await context.close();
  });

  test("the host sees the answer, the note and the counts, and gets told by email", async ({ page }) => {
    await signIn(page, "host-one@example.test");
    await expect(page.locator("[data-count=Yes]")).toHaveText("1");
    await expect(page.locator("[data-count='No answer']")).toHaveText("2");
    await page.goto(eventPath);
    const row = page.locator('tr[data-guest="ada@example.test"]');
    await expect(row).toContainText("Yes");
    await expect(row).toContainText("“Bringing a <tart>”");
    const note = await openLatestMail(page, "host-one@example.test", /answered Yes/);
    expect(note).toContain("Ada Lovelace answered Yes");
  });

  test("a second host cannot open the first host's event", async ({ page }) => {
    await signIn(page, "host-two@example.test");
    await expect(page.getByText("No events yet.")).toBeVisible();
    for (const path of [eventPath, `${eventPath}/edit`, `${eventPath}/delete`]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByText("Solstice")).toHaveCount(0);
    }
    const ics = await page.request.get(`${eventPath}/event.ics`);
    expect(ics.status()).toBe(404);
    expect(await ics.text()).not.toContain("Solstice");

    await page.goto("/events");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in with your email" })).toBeVisible();
    await page.goto("/events");
    await expect(page).toHaveURL(/\/signin/);
  });
});
