// @ts-check
// Turns mutation/results.json (the scores `npm run mutate` recorded) into docs/TEST_STRENGTH.md,
// so the published scores are always those of a real run and never typed by hand.
// `node mutation/report.mjs [--stdout]` writes docs/TEST_STRENGTH.md (or prints it).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MODULES } from "./modules.mjs";

export const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));
export const DOCUMENT_PATH = fileURLToPath(new URL("../docs/TEST_STRENGTH.md", import.meta.url));

/** @typedef {import("./modules.mjs").MutatedModule} MutatedModule */
/** @typedef {{ line: number; mutator: string; replacement: string }} Survivor */
/** @typedef {{ line: number; mutator: string; reason: string }} Exclusion */
/**
 * @typedef {{
 *   file: string; score: number; target: number; mutants: number; killed: number; timedOut: number;
 *   survived: number; noCoverage: number; excluded: number; invalid: number; seconds: number;
 *   ranAt: string; stryker: string; node: string; survivors: Survivor[]; exclusions: Exclusion[];
 * }} ModuleResult
 */
/** @typedef {{ modules: Record<string, ModuleResult> }} Results */

/** @returns {Results} */
export function readResults() {
  return existsSync(RESULTS_PATH) ? JSON.parse(readFileSync(RESULTS_PATH, "utf8")) : { modules: {} };
}

/** @param {Results} results */
export function writeResults(results) {
  writeFileSync(`${RESULTS_PATH}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${RESULTS_PATH}.tmp`, RESULTS_PATH);
}

/** A replacement as one short line, for a table cell. */
function shorten(/** @type {string} */ text) {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * One module's result from Stryker's JSON report (mutation-testing-report-schema). The score is
 * Stryker's: mutants detected (killed or timed out) over the valid ones; excluded mutants
 * (`// Stryker disable` with a reason) and ones that do not compile count for neither.
 * @param {MutatedModule} module
 * @param {any} report
 * @param {{ seconds: number; ranAt: string; stryker: string; node: string }} run
 * @returns {ModuleResult}
 */
export function summarize(module, report, run) {
  /** @type {any[]} */
  const mutants = Object.values(report.files).flatMap((/** @type {any} */ file) => file.mutants);
  const count = (/** @type {string} */ status) => mutants.filter((m) => m.status === status).length;
  const killed = count("Killed");
  const timedOut = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const valid = killed + timedOut + survived + noCoverage;
  const byLine = (/** @type {any} */ a, /** @type {any} */ b) =>
    a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column;
  return {
    file: module.file,
    score: valid === 0 ? 100 : Math.round(((killed + timedOut) / valid) * 1000) / 10,
    target: module.target,
    mutants: mutants.length,
    killed,
    timedOut,
    survived,
    noCoverage,
    excluded: count("Ignored"),
    invalid: count("CompileError") + count("RuntimeError"),
    ...run,
    survivors: mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .sort(byLine)
      .map((m) => ({ line: m.location.start.line, mutator: m.mutatorName, replacement: shorten(m.replacement ?? "") })),
    exclusions: mutants
      .filter((m) => m.status === "Ignored")
      .sort(byLine)
      .map((m) => ({ line: m.location.start.line, mutator: m.mutatorName, reason: m.statusReason ?? "" })),
  };
}

const HOW_TO_RUN = `\`\`\`sh
npm run mutate                          # every module below, one Stryker run each; rewrites this page
npm run mutate -- schedule claim        # only these modules (names from mutation/modules.mjs)
npm run mutate -- matchPlaces --concurrency 2   # more test processes, if the machine is yours
node mutation/report.mjs                # rewrites this page from mutation/results.json
\`\`\`

Mutation testing ([StrykerJS](https://stryker-mutator.io/) with its Vitest runner and TypeScript
checker) changes a module in small ways — a \`<\` for a \`<=\`, a condition for \`true\`, a string
emptied — and runs the tests against each change ("mutant"). A mutant no test notices has
*survived*: the tests would not catch that mistake. The score is the share of mutants detected
(killed, or made the tests time out) among the valid ones; a mutant the TypeScript checker rejects
is not valid (the compiler would catch that mistake) and counts for nothing.

- Each module runs alone (\`--mutate <file>\`), against the in-process tests next to the code
  (\`vitest.mutate.config.ts\`: \`src/**/*.test.ts\`), and of those only the ones that import it
  (Vitest's related mode). The tests under \`test/\` drive built bundles and spawned servers, which a
  mutant of \`src/\` never reaches.
- One test process by default (\`stryker.config.mjs\`: the machine is usually shared).
- Incremental: each module keeps \`reports/mutation/<module>/incremental.json\`, and a re-run tests
  again only the mutants whose code or covering tests changed. The file is not committed: it holds
  a copy of every source and test file involved, churns with every change and would conflict
  between branches; without it a run is simply a full one.
- The report a person can open: \`reports/mutation/<module>/index.html\` (every mutant, with the
  tests that killed it or the line it survived on); \`mutation.json\` beside it is what this page
  is made from.
- A mutant that cannot be detected because it changes nothing observable (an *equivalent* mutant)
  is excluded in the source with \`// Stryker disable next-line <mutator>: <reason>\`; each
  exclusion and its reason is listed below.
- Not part of \`npm test\` or CI: a full run takes tens of minutes. Run it after changing one of
  these modules, and commit the updated \`mutation/results.json\` and this page.`;

/**
 * docs/TEST_STRENGTH.md for these results.
 * @param {Results} results
 */
export function formatDocument(results) {
  const rows = MODULES.map((module) => {
    const result = results.modules[module.name];
    if (!result) return `| ${module.name} | \`${module.file}\` | not run | ${module.target}% | | | | | | |`;
    const mark = result.score >= module.target ? "" : " (below target)";
    return `| ${module.name} | \`${result.file}\` | **${result.score}%**${mark} | ${module.target}% | ${result.killed + result.timedOut + result.survived + result.noCoverage} | ${result.killed + result.timedOut} | ${result.survived + result.noCoverage} | ${result.excluded} | ${result.seconds} s | ${result.ranAt.slice(0, 10)} |`;
  });
  const details = MODULES.flatMap((module) => {
    const result = results.modules[module.name];
    if (!result) return [];
    const lines = [
      `### ${module.name}`,
      `\`${result.file}\`: ${result.score}% — ${result.killed} killed, ${result.timedOut} timed out, ${result.survived} survived, ${result.noCoverage} not covered, ${result.excluded} excluded, ${result.invalid} not valid (compile or runtime errors); ${result.seconds} s, ${result.ranAt}, Stryker ${result.stryker}, Node ${result.node}.`,
    ];
    if (result.survivors.length > 0) {
      lines.push(
        "Surviving mutants (tests that would not catch this change):",
        result.survivors
          .map((s) => `- line ${s.line}, ${s.mutator}: \`${s.replacement.replace(/`/g, "'")}\``)
          .join("\n"),
      );
    }
    if (result.exclusions.length > 0) {
      lines.push(
        "Excluded as equivalent:",
        result.exclusions.map((e) => `- line ${e.line}, ${e.mutator}: ${e.reason}`).join("\n"),
      );
    }
    return [lines.join("\n\n")];
  });
  return [
    "<!-- Generated by `node mutation/report.mjs` from mutation/results.json. Do not edit: a test compares it. -->",
    "# Test strength",
    "How well the tests catch mistakes in the modules where a mistake costs most, measured by mutation testing.",
    "## Scores",
    "| module | file | score | target | valid mutants | detected | undetected | excluded | run took | ran on |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n" +
      rows.join("\n"),
    "## How to run",
    HOW_TO_RUN,
    "## Per module",
    ...details,
  ]
    .join("\n\n")
    .concat("\n");
}

/**
 * Writes docs/TEST_STRENGTH.md, whole or not at all.
 * @param {Results} results
 */
export function writeDocument(results) {
  writeFileSync(`${DOCUMENT_PATH}.tmp`, formatDocument(results));
  renameSync(`${DOCUMENT_PATH}.tmp`, DOCUMENT_PATH);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { stdout: { type: "boolean", default: false } } });
  if (values.stdout) process.stdout.write(formatDocument(readResults()));
  else {
    writeDocument(readResults());
    console.log(`wrote ${DOCUMENT_PATH}`);
  }
}
