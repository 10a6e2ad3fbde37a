// docs/TEST_STRENGTH.md is generated: it must be exactly what mutation/report.mjs makes of the
// committed mutation/results.json, so a hand edit (or a forgotten regeneration) fails here.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url);

describe("docs/TEST_STRENGTH.md", () => {
  it("is what `node mutation/report.mjs` writes from mutation/results.json", async () => {
    const { stdout } = await run(process.execPath, ["mutation/report.mjs", "--stdout"], { cwd: fileURLToPath(root) });
    const committed = readFileSync(new URL("docs/TEST_STRENGTH.md", root), "utf8");
    expect(committed, "run `node mutation/report.mjs` to regenerate it").toBe(stdout);
  });

  it("carries each recorded module's score and the reason for each excluded mutant", () => {
    const document = readFileSync(new URL("docs/TEST_STRENGTH.md", root), "utf8");
    const results = JSON.parse(readFileSync(new URL("mutation/results.json", root), "utf8")) as {
      modules: Record<string, { file: string; score: number; ranAt: string; exclusions: { reason: string }[] }>;
    };
    expect(Object.keys(results.modules).length).toBeGreaterThan(0);
    for (const result of Object.values(results.modules)) {
      expect(document).toContain(`\`${result.file}\`: ${result.score}%`);
      expect(document).toContain(result.ranAt);
      for (const exclusion of result.exclusions) {
        expect(exclusion.reason).not.toBe("");
        expect(document).toContain(exclusion.reason);
      }
    }
  });
});
