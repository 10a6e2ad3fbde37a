import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "infra/**/*.test.ts"],
    // A temp folder per run, and a failure if a test leaves anything in it.
    globalSetup: ["test/globalSetup/tempFolder.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
