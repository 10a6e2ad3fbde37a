// What reaches workerd: dist/workers/worker.mjs (npm test builds it first), as wrangler uploads it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

const bundle = readFileSync(new URL("../../dist/workers/worker.mjs", import.meta.url), "utf8");
const imports = [...bundle.matchAll(/\bfrom\s*"([^"]+)"/g)].map((match) => match[1]);

it("imports only node:* modules that nodejs_compat provides, and never node:http", () => {
  expect(imports.length).toBeGreaterThan(0);
  for (const module of imports) expect(module).toMatch(/^node:(crypto|buffer|fs\/promises|url)$/);
  expect(bundle).not.toMatch(/["']node:(http|https|net)["']/);
  // No createRequire banner: that is the Node bundles'.
  expect(bundle).not.toContain("createRequire");
});

it("stays far below the free plan's 3 MB (gzipped) Worker limit", () => {
  expect(gzipSync(bundle).length).toBeLessThanOrEqual(150 * 1024);
});
