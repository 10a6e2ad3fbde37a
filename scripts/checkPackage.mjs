#!/usr/bin/env node
// @ts-check
// Tests the npm package as a user gets it: packs it (prepack builds first), checks the tarball holds
// what a user needs and nothing else within a size budget, installs the tarball into an empty
// folder (its dependencies come from the npm registry, as for a user), runs the installed
// `slacktrux --version` and `slacktrux demo`, lints the installed package with publint, and checks
// the licences of the production dependencies installed with it. Exits 1 naming what failed.
//   node scripts/checkPackage.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/**
 * What the tarball may hold: the CLI bundle, the demo's sample pages, the local database's schema
 * (migrations/, applied when the CLI opens slacktrux.db), README, LICENSE, package.json.
 */
const SHIPPED = [
  /^LICENSE$/,
  /^README\.md$/,
  /^package\.json$/,
  /^dist\/cli\.mjs$/,
  /^samples\/[^/]+\.html$/,
  /^migrations\/\d{4}_[a-z0-9_]+\.sql$/,
];
const REQUIRED = [
  "LICENSE",
  "README.md",
  "package.json",
  "dist/cli.mjs",
  "samples/dc-food-truck-list.html",
  "migrations/0001_claims.sql",
];
// About 1.5× the packed size of 0.1.0 (94 KB): room to grow, but a stray folder or an unminified
// bundle fails.
const PACKED_BUDGET_BYTES = 150_000;
// Licences a user may take without obligations beyond keeping the notice (SPDX identifiers).
const PERMISSIVE = ["MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "0BSD", "BlueOak-1.0.0"];

const problems = [];
/** @param {boolean} ok @param {string} problem */
const check = (ok, problem) => {
  if (!ok) problems.push(problem);
};
/** @param {string} command @param {string[]} args @param {import("node:child_process").ExecFileSyncOptions} [options] */
const run = (command, args, options = {}) => execFileSync(command, args, { encoding: "utf8", ...options }).toString();

const work = mkdtempSync(join(tmpdir(), "slacktrux-package-"));
try {
  // 1. Pack, as `npm publish` would.
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], { cwd: root }));
  const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path).sort();
  for (const file of files)
    check(
      SHIPPED.some((allowed) => allowed.test(file)),
      `the tarball holds ${file}, which a user does not need`,
    );
  for (const file of REQUIRED) check(files.includes(file), `the tarball lacks ${file}`);
  check(
    packed.size <= PACKED_BUDGET_BYTES,
    `the tarball is ${packed.size} bytes, over its budget of ${PACKED_BUDGET_BYTES}`,
  );

  // 2. Install the tarball into an empty folder, as a user would from the registry.
  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "package-check", private: true }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(work, packed.filename)], { cwd: app });
  const installed = readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith("."));

  // 3. The installed bin, with an environment that holds no setting of ours; its `#!/usr/bin/env node`
  // finds the Node running this check first, so a CI matrix tests the bin on each of its Nodes.
  const bin = join(app, "node_modules", ".bin", "slacktrux");
  const env = { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`, HOME: app };
  const printed = run(bin, ["--version"], { cwd: app, env }).trim();
  check(printed === version, `the installed slacktrux --version printed "${printed}", not "${version}"`);
  const demo = run(bin, ["demo"], { cwd: app, env });
  check(
    demo.includes("DC - FARRAGUT SQUARE") && demo.includes("District Taco"),
    `the installed slacktrux demo did not print Farragut Square's trucks:\n${demo}`,
  );

  // 4. publint on the package as installed (every file there is what was published).
  const installedPackage = join(app, "node_modules", "slacktrux");
  const lint = await publint({ pkgDir: installedPackage, pack: false, level: "suggestion", strict: true });
  for (const message of lint.messages)
    problems.push(`publint (${message.type}): ${formatMessage(message, lint.pkg, { color: false }) ?? message.code}`);

  // 5. Licences of what the install brought, production dependencies only (the check folder is private).
  let licences = "";
  try {
    licences = run(
      join(root, "node_modules", ".bin", "license-checker-rseidelsohn"),
      ["--start", app, "--production", "--excludePrivatePackages", "--summary", "--onlyAllow", PERMISSIVE.join(";")],
      { cwd: app, stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (error) {
    const { stdout, stderr } = /** @type {{ stdout: string, stderr: string }} */ (error);
    problems.push(`a production dependency's licence is not in ${PERMISSIVE.join(", ")}:\n${stderr || stdout}`);
  }

  if (problems.length > 0) {
    console.error(`package check failed:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log(
      `package ok: ${files.length} files (${files.join(", ")}), ${packed.size} bytes packed ` +
        `(budget ${PACKED_BUDGET_BYTES}), ${packed.unpackedSize} unpacked; installed with ` +
        `${installed.length} packages; slacktrux --version ${printed}; demo printed Farragut Square; ` +
        `publint: nothing; Node ${process.version}; licences:\n${licences.trim()}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
