import { test as base, expect, type BrowserContext } from "@playwright/test";

/** Collects every request that leaves this machine: no page may ask a third party for anything. */
export function watchOffsiteRequests(context: BrowserContext): string[] {
  const offsite: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) offsite.push(request.url());
  });
  return offsite;
}

export const test = base.extend<{ offsiteGuard: void }>({
  offsiteGuard: [
    async ({ context }, use) => {
      const offsite = watchOffsiteRequests(context);
      await use();
      expect(offsite, "requests to third-party hosts").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
