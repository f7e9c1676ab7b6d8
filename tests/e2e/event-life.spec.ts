import { expect, test } from "./fixtures";
import { linkIn, newestMailId, openLatestMail, signIn } from "./mailbox";

const HOST = "host-life@example.test";

test("the host moves the event to another day: sees who will be told, guests get what changed, the Yes guest confirms again; a quiet save sends nothing", async ({ page, browser }) => {
  await signIn(page, HOST);
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Garden party");
  await page.getByLabel("Starts").fill("2031-06-21T15:00");
  await page.getByLabel("Ends").fill("2031-06-21T19:00");
  await page.getByLabel("Time zone").selectOption("Europe/Paris");
  await page.getByLabel("Address").fill("The old garden");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: "Garden party" })).toBeVisible();
  const eventPath = new URL(page.url()).pathname;
  // The reminders are on by default and say when they go.
  await expect(page.getByTestId("reminder-attendee")).toContainText("20 Jun 2031, 15:00");
  await expect(page.getByTestId("reminder-unanswered")).toContainText("no RSVP deadline");

  const beforeInvites = await newestMailId(page);
  await page.goto(eventPath);
  await page.getByLabel("Paste many at once").fill("Ada <ada.life@example.test>\nBob <bob.life@example.test>");
  await page.getByRole("button", { name: "Add these guests" }).click();
  await page.getByRole("button", { name: "Send invites (2)" }).click();
  const invitation = await openLatestMail(page, "ada.life@example.test", /invites you/, beforeInvites);
  await openLatestMail(page, "bob.life@example.test", /invites you/, beforeInvites);

  // Ada says yes.
  const guest = await browser.newContext({ javaScriptEnabled: false });
  const guestPage = await guest.newPage();
  await guestPage.goto(linkIn(invitation, /\/i\/[\w-]+\?answer=yes$/));
  await guestPage.getByRole("button", { name: "Send my answer" }).click();
  await expect(guestPage.getByRole("status")).toContainText("your answer is saved: Yes");

  // The host moves it a day later and to a new place: nothing is saved before they decide.
  const beforeChange = await newestMailId(page);
  await page.goto(`${eventPath}/edit`);
  await page.getByLabel("Starts").fill("2031-06-22T15:00");
  await page.getByLabel("Ends").fill("2031-06-22T19:00");
  await page.getByLabel("Address").fill("The new garden");
  await page.getByRole("button", { name: "Save changes" }).click();
  const preview = page.getByTestId("change-preview");
  await expect(preview).toContainText("2 guests were invited, 1 of them said yes.");
  await expect(preview).toContainText("When: Sat, 21 Jun 2031, 15:00 – 19:00 CEST (Europe/Paris) → Sun, 22 Jun 2031, 15:00 – 19:00 CEST (Europe/Paris)");
  await expect(preview).toContainText("Where: The old garden → The new garden");
  await expect(preview).toContainText("asked to confirm again");
  await page.getByRole("button", { name: "Save and email 2 guests" }).click();
  await expect(page.getByRole("status")).toContainText("2 guests are being told by email");
  await expect(page.locator('tr[data-guest="ada.life@example.test"] [data-testid=reconfirm]')).toHaveText("Asked to confirm the new date");
  await expect(page.locator('tr[data-guest="bob.life@example.test"] [data-testid=notice]')).toContainText(/Change notice: (queued|accepted by relay|delivered to provider)/);

  // Bob reads what changed, with a calendar update; Ada is asked to confirm.
  const bobMail = await openLatestMail(page, "bob.life@example.test", /Changed: Garden party/, beforeChange);
  expect(bobMail).toContain("Where: The new garden (was The old garden)");
  const adaMail = await openLatestMail(page, "ada.life@example.test", /Please confirm again: Garden party has moved/, beforeChange);
  expect(adaMail).toContain("You said yes to the old date. Can you still come?");

  await guestPage.goto(linkIn(adaMail, /\/i\/[\w-]+\?answer=yes$/));
  await expect(guestPage.getByRole("heading", { name: "Can you still come?" })).toBeVisible();
  await expect(guestPage.getByText("Sun, 22 Jun 2031, 15:00 – 19:00 CEST")).toBeVisible();
  await guestPage.getByRole("button", { name: "Update my answer" }).click();
  await expect(guestPage.getByRole("status")).toContainText("your answer is saved: Yes");
  await guest.close();

  await page.goto(eventPath);
  await expect(page.locator('tr[data-guest="ada.life@example.test"] [data-testid=reconfirm]')).toHaveCount(0);

  // Saving another change without telling anyone sends nothing.
  const beforeQuiet = await newestMailId(page);
  await page.goto(`${eventPath}/edit`);
  await page.getByLabel("Address").fill("The garden after all");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("button", { name: "Save without emailing" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  expect(await newestMailId(page)).toBe(beforeQuiet);

  // The host previews the reminder as guests will get it.
  const reminder = await page.request.get(`${eventPath}/reminder/attendee`);
  expect(reminder.status()).toBe(200);
  expect(await reminder.text()).toContain("Garden party");
});

test("a full event puts a Yes on the waitlist, and the guest is promoted and told by email when someone drops out", async ({ page, browser }) => {
  await signIn(page, "host-waitlist@example.test");
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Tiny supper");
  await page.getByLabel("Starts").fill("2031-09-12T19:00");
  await page.getByLabel("Ends").fill("2031-09-12T22:00");
  await page.getByLabel("Capacity").fill("2");
  await page.getByLabel("Each guest may bring").selectOption("1");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: "Tiny supper" })).toBeVisible();
  const eventPath = new URL(page.url()).pathname;
  const before = await newestMailId(page);
  await page.goto(eventPath);
  await page.getByLabel("Paste many at once").fill("Ada <ada.wait@example.test>\nBob <bob.wait@example.test>");
  await page.getByRole("button", { name: "Add these guests" }).click();
  await page.getByRole("button", { name: "Send invites (2)" }).click();

  const guest = await browser.newContext({ javaScriptEnabled: false });
  const guestPage = await guest.newPage();
  const answerFor = async (email: string, bringing: string) => {
    const mail = await openLatestMail(guestPage, email, /invites you/, before);
    await guestPage.goto(linkIn(mail, /\/i\/[\w-]+\?answer=yes$/));
    await guestPage.getByLabel("Bringing anyone?").selectOption({ label: bringing });
    await guestPage.getByRole("button", { name: /my answer/ }).click();
  };
  // Ada and her friend fill both places; Bob is told he waits.
  await answerFor("ada.wait@example.test", "Me and 1 other");
  await expect(guestPage.getByRole("status")).toContainText("your answer is saved: Yes");
  await answerFor("bob.wait@example.test", "Just me");
  await expect(guestPage.getByTestId("waitlisted")).toContainText("You are on the waitlist");
  await openLatestMail(guestPage, "bob.wait@example.test", /You're on the waitlist: Tiny supper/, before);

  await page.goto(eventPath);
  await expect(page.getByTestId("people-coming")).toContainText("2 people coming of 2 · 1 on the waitlist");
  await expect(page.locator('tr[data-guest="bob.wait@example.test"] [data-testid=waitlisted]')).toHaveText("On the waitlist");

  // Ada can't come after all: Bob gets her place and an email saying so.
  const adaMail = await openLatestMail(guestPage, "ada.wait@example.test", /invites you/, before);
  await guestPage.goto(linkIn(adaMail, /\/i\/[\w-]+\?answer=no$/));
  await guestPage.getByRole("button", { name: "Update my answer" }).click();
  const promotion = await openLatestMail(guestPage, "bob.wait@example.test", /A place opened up: you're going to Tiny supper/, before);
  expect(promotion).toContain("it is yours");
  await guest.close();

  await page.goto(eventPath);
  await expect(page.getByTestId("people-coming")).toContainText("1 person coming of 2");
  await expect(page.locator('tr[data-guest="bob.wait@example.test"] [data-testid=waitlisted]')).toHaveCount(0);
  await expect(page.locator('tr[data-guest="bob.wait@example.test"] [data-testid=notice]')).toContainText("Off the waitlist");
});
