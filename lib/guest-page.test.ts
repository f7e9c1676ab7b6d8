import { describe, expect, it } from "vitest";
import { guestPageResponse, postFromAnotherSite } from "./guest-page";
import { html } from "./html";

const post = (headers: Record<string, string>) => new Request("http://localhost:3000/i/tok", { method: "POST", headers: { host: "localhost:3000", ...headers } });

describe("postFromAnotherSite", () => {
  it("trusts the browser's Sec-Fetch-Site first, so our own no-referrer page's `Origin: null` passes", () => {
    expect(postFromAnotherSite(post({ "sec-fetch-site": "same-origin", origin: "null" }))).toBe(false);
    expect(postFromAnotherSite(post({ "sec-fetch-site": "cross-site", origin: "http://localhost:3000" }))).toBe(true);
    expect(postFromAnotherSite(post({ "sec-fetch-site": "same-site" }))).toBe(true);
  });

  it("falls back to Origin, and lets a post from no browser through (its token is its credential)", () => {
    expect(postFromAnotherSite(post({ origin: "http://localhost:3000" }))).toBe(false);
    expect(postFromAnotherSite(post({ origin: "http://evil.example" }))).toBe(true);
    expect(postFromAnotherSite(post({ origin: "not a url" }))).toBe(true);
    expect(postFromAnotherSite(post({}))).toBe(false);
  });
});

describe("guestPageResponse", () => {
  it("is private, unindexed, sends no Referer, and lets only the request's nonce run its style and script", async () => {
    const request = new Request("http://localhost:3000/i/tok", { headers: { "content-security-policy": "script-src 'nonce-abc123=='" } });
    const response = guestPageResponse(request, { title: "T <x>", body: html`<p>hi</p>`, script: "void 0" });
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    const body = await response.text();
    expect(body).toContain('<style nonce="abc123==">');
    expect(body).toContain('<script nonce="abc123==">void 0</script>');
    expect(body).toContain("<title>T &lt;x&gt; · FastInviter</title>");
  });
});
