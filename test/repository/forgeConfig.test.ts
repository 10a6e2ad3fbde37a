// The forge's files: valid against their schemas, the schemas strict enough to refuse the mistakes
// that would otherwise surface only on the forge, and the workflow running what .ci/run runs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { forgeFileProblems, forgeFiles } from "../../scripts/checkForgeConfig.mjs";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const workflow = read(".github/workflows/ci.yml");
const dependabot = read(".github/dependabot.yml");

describe("the committed forge files", () => {
  it("are all valid against their schemas", () => {
    const files = forgeFiles();
    expect(files.map(({ kind }) => kind).sort()).toEqual(["dependabot", "workflow"]);
    for (const { path, kind } of files) expect(forgeFileProblems(kind, readFileSync(path, "utf8")), path).toEqual([]);
  });

  it("the workflow runs every command .ci/run runs after cloning, in its order", () => {
    const ciRun = read(".ci/run").split("\n");
    const afterClone = ciRun.slice(ciRun.indexOf('cd "$alone"') + 1);
    // .ci/run may pick its Node with a shell function (`on22 npm test`); the workflow's matrix does that there.
    const helpers = afterClone.flatMap((line) => /^(\w+)\(\)\s*\{/.exec(line)?.[1] ?? []);
    const commands = afterClone
      .filter((line) => line.trim() !== "" && !/^\s*(#|echo )/.test(line) && !/^\w+\(\)\s*\{/.test(line))
      .map((line) => line.replace(new RegExp(`^(${helpers.join("|") || "(?!)"})\\s+`), ""))
      .filter((line) => !/^(node|npm) --version$/.test(line));
    const steps = (parse(workflow) as { jobs: { test: { steps: { run?: string }[] } } }).jobs.test.steps;
    const runs = steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));
    expect(commands.length).toBeGreaterThan(5);
    expect(runs).toEqual(commands);
  });

  it("Dependabot updates npm packages and the workflow's actions, grouped", () => {
    const updates = (parse(dependabot) as { updates: { "package-ecosystem": string; groups?: object }[] }).updates;
    expect(updates.map((update) => update["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"]);
    for (const update of updates) expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
  });
});

describe("the workflow schema refuses", () => {
  const problemsWith = (from: string, to: string) => {
    expect(workflow).toContain(from);
    return forgeFileProblems("workflow", workflow.replace(from, to));
  };

  it("a misspelt key", () => {
    expect(problemsWith("runs-on:", "runs_on:")).toContainEqual(expect.stringContaining('"runs_on"'));
  });

  it("an action not pinned to a version", () => {
    expect(problemsWith("actions/checkout@v5.0.0", "actions/checkout@main")).toContainEqual(
      expect.stringContaining("/jobs/test/steps/0/uses"),
    );
  });

  it("a workflow without top-level permissions, or with a made-up one", () => {
    expect(problemsWith("permissions:\n  contents: read\n", "")).toContainEqual(
      expect.stringContaining("must have required property 'permissions'"),
    );
    expect(problemsWith("contents: read", "contents: reed")).not.toEqual([]);
  });

  it("an unknown event, and a step that both runs and uses", () => {
    expect(problemsWith("pull_request:", "pull-request:")).not.toEqual([]);
    expect(
      problemsWith("      - run: npm ci", "      - uses: actions/checkout@v5.0.0\n        run: npm ci"),
    ).not.toEqual([]);
  });

  it("YAML with a duplicated key, which GitHub refuses", () => {
    expect(problemsWith("  contents: read\n", "  contents: read\n  contents: read\n")).toContainEqual(
      expect.stringMatching(/^YAML: .*unique/i),
    );
  });
});

describe("the Dependabot schema refuses", () => {
  const problemsWith = (from: string, to: string) => {
    expect(dependabot).toContain(from);
    return forgeFileProblems("dependabot", dependabot.replace(from, to));
  };

  it("a misspelt key, an unknown interval or ecosystem, and a version other than 2", () => {
    expect(problemsWith("open-pull-requests-limit:", "open-pull-request-limit:")).toContainEqual(
      expect.stringContaining('"open-pull-request-limit"'),
    );
    expect(problemsWith("interval: weekly", "interval: fortnightly")).not.toEqual([]);
    expect(problemsWith("package-ecosystem: npm", "package-ecosystem: yarn")).not.toEqual([]);
    expect(problemsWith("version: 2", "version: 1")).not.toEqual([]);
  });

  it("a group's update type spelt as in ignore rules", () => {
    expect(problemsWith("update-types: [minor, patch]", "update-types: [version-update:semver-minor]")).not.toEqual([]);
  });
});
