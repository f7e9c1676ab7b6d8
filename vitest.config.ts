import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "emails/**/*.test.tsx", "tests/integration/**/*.test.ts"],
    // A zone far from UTC with DST, so a time-zone mistake fails loudly.
    env: { TZ: "Pacific/Auckland" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
