// @ts-check
// Mutation testing (StrykerJS). `npm run mutate` (mutation/run.mjs) runs it one module at a time
// with the settings below; docs/TEST_STRENGTH.md says how and shows the last run.
// Each module keeps its own incremental file and reports, so runs of different modules never
// overwrite each other's (mutation/run.mjs names the module; a bare `npx stryker run` is "adhoc").
const reports = `reports/mutation/${process.env.MUTATE_MODULE ?? "adhoc"}`;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  // Only the in-process tests, and of those only the ones importing the mutated file.
  // Forks, not threads: with threads, a mutant of a module-level constant (a static mutant) was
  // seen surviving tests that kill it, the module evidently not evaluated afresh.
  vitest: { configFile: "vitest.mutate.config.ts", related: true, pool: "forks" },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.mutate.json",
  coverageAnalysis: "perTest",
  // The machine is shared: one test process, one checker.
  concurrency: 1,
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ["dist", "dist.*", "cdk.out", "infra/cdk.out", ".cache", ".wrangler", "reports", "slacktrux-data"],
  tempDirName: ".cache/stryker-tmp",
  cleanTempDir: "always",
};
