import { expect, test } from "./fixtures";

test("every email template can be previewed as HTML and plain text, at desktop and mobile widths", async ({ page }) => {
  await page.goto("/dev/emails");
  for (const title of ["Sign-in link", "Invitation", "RSVP confirmation", "New answer"]) {
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  }
  await page.getByRole("link", { name: "Invitation" }).click();
  await expect(page.getByTestId("preview-subject")).toHaveText("Grace invites you: Winter solstice dinner");
  const frame = page.frameLocator("iframe");
  // Hostile preview text is shown as text inside the rendered email.
  await expect(frame.getByText("You're invited, Ada <script>alert(1)</script>!")).toBeVisible();

  await page.getByRole("link", { name: "mobile" }).click();
  await expect(page.locator("iframe")).toHaveJSProperty("offsetWidth", 375);

  await page.getByRole("link", { name: "Plain text" }).click();
  const text = page.getByTestId("preview-text");
  await expect(text).toContainText("/i/preview-token-0000000000000000000?answer=yes");
  await expect(text).toContainText("Potluck at ours — bring a dish.\nKids welcome");
});

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/events");
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/events/new");
  await expect(page).toHaveURL(/\/signin/);
});
