#!/usr/bin/env node
// @ts-check
// Validates the forge's files (.github/workflows/*.yml and .github/dependabot.yml) against the
// JSON Schemas in scripts/schemas/, since no forge runs here to refuse a broken one. Ajv compiles
// the schemas; they are committed, so the check needs no network. Exits 1 listing every problem.
//   node scripts/checkForgeConfig.mjs
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { parseDocument } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
/** @param {string} name */
const readSchema = (name) => JSON.parse(readFileSync(new URL(`schemas/${name}`, import.meta.url), "utf8"));

// allErrors: every problem of a file at once. Strict: a schema with an unknown keyword or a loose type
// is refused, so a typo in a schema cannot quietly allow everything (required names inside not/oneOf
// refer to properties declared beside them, which strictRequired would refuse).
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validators = {
  workflow: ajv.compile(readSchema("github-workflow.schema.json")),
  dependabot: ajv.compile(readSchema("dependabot.schema.json")),
};

/**
 * The problems of one forge file, as lines naming the place in the file; none when it is valid.
 * @param {"workflow" | "dependabot"} kind
 * @param {string} text the file's YAML
 * @returns {string[]}
 */
export function forgeFileProblems(kind, text) {
  // YAML 1.2 (the yaml package's default), as GitHub reads it: `on:` is a key, not `true`.
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return document.errors.map((error) => `YAML: ${error.message}`);
  const validate = validators[kind];
  if (validate(document.toJS())) return [];
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath || "(top level)";
    const extra = "additionalProperty" in error.params ? ` "${String(error.params.additionalProperty)}"` : "";
    return `${where}: ${error.message ?? "is invalid"}${extra}`;
  });
}

/** The forge files of a checkout, each with the schema it must satisfy. */
export function forgeFiles(checkout = root) {
  const workflows = join(checkout, ".github", "workflows");
  return [
    ...readdirSync(workflows)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => ({ path: join(workflows, name), kind: /** @type {const} */ ("workflow") })),
    { path: join(checkout, ".github", "dependabot.yml"), kind: /** @type {const} */ ("dependabot") },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let failed = false;
  for (const { path, kind } of forgeFiles()) {
    const problems = forgeFileProblems(kind, readFileSync(path, "utf8"));
    const name = path.slice(root.length);
    if (problems.length === 0) console.log(`ok  ${name} (${kind} schema)`);
    else {
      failed = true;
      console.error(`bad ${name} (${kind} schema):\n  ${problems.join("\n  ")}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
