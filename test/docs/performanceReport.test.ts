// docs/PERFORMANCE.md is generated: it must be exactly what bench/report.mjs makes of the committed
// bench/results.json and docs/PERFORMANCE.notes.md, so a hand edit (or a forgotten regeneration) fails here.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url);

describe("docs/PERFORMANCE.md", () => {
  it("is what `node bench/report.mjs` writes from bench/results.json", async () => {
    const { stdout } = await run(process.execPath, ["bench/report.mjs", "--stdout"], { cwd: fileURLToPath(root) });
    const committed = readFileSync(new URL("docs/PERFORMANCE.md", root), "utf8");
    expect(committed, "run `node bench/report.mjs` to regenerate it").toBe(stdout);
  });

  it("carries the committed run's figures and the notes explaining missed targets", () => {
    const document = readFileSync(new URL("docs/PERFORMANCE.md", root), "utf8");
    const results = JSON.parse(readFileSync(new URL("bench/results.json", root), "utf8")) as {
      startedAt: string;
      phase1: { p99: { value: number } };
      targets: { label: string; value: number; unit: string; status: string }[];
    };
    expect(document).toContain(results.startedAt);
    expect(document).toContain(`${results.phase1.p99.value} µs`);
    for (const target of results.targets.filter((t) => t.status === "missed")) {
      expect(document).toContain(`**${target.label}**: ${target.value} ${target.unit}`);
    }
    expect(document).toContain("## What the rows measure");
  });
});
