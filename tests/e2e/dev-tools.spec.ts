import { expect, test } from "./fixtures";

test("every email template can be previewed as HTML and plain text, at desktop and mobile widths", async ({ page }) => {
  await page.goto("/dev/emails");
  for (const title of ["Sign-in link", "Invitation", "RSVP confirmation", "New answer", "Cancellation", "Event changed", "Reminder", "Off the waitlist", "Message to guests", "Co-host invitation"]) {
    await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  }
  await page.getByRole("link", { name: "Invitation", exact: true }).click();
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

test("the relay status endpoint refuses a post without the relay's secret", async ({ request }) => {
  const forged = [{ messageId: "<x@example.test>", state: "bounced", detail: "forged", at: Date.now() }];
  expect((await request.post("/api/relay/status", { data: forged })).status()).toBe(401);
  const wrong = await request.post("/api/relay/status", { data: forged, headers: { authorization: `Bearer ${"f".repeat(43)}` } });
  expect(wrong.status()).toBe(401);
});

test("pages carry a nonce-based Content-Security-Policy and refuse to be framed", async ({ page, request }) => {
  const response = await request.get("/signin");
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/https?:\/\//);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Next puts the request's nonce on its own scripts (browsers hide it from the DOM, so read the HTML).
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(await response.text()).toContain(`nonce="${nonce}"`);
  const again = await request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);

  // And so the app's JavaScript runs under the policy, with nothing blocked.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/signin");
  await page.waitForFunction(() => typeof (window as unknown as { next?: { version?: string } }).next?.version === "string");
  await page.goto("/dev/emails/invitation");
  await expect(page.frameLocator("iframe").getByText(/^You.re invited/)).toBeVisible();
  expect(violations).toEqual([]);
});
