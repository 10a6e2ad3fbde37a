// The Node floor is one fact in three places: package.json's engines (which the npm scripts'
// wrapper reads), the CLI's own check, and the README. An older Node gets one clear line from the
// built CLI, not a stack trace from deep inside a command.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { MIN_NODE_VERSION, nodeVersionProblem } from "../../src/cli/nodeVersion.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  engines: { node: string };
};

it("package.json's engines and the CLI's check name the same floor", () => {
  expect(pkg.engines.node).toBe(`>=${MIN_NODE_VERSION.replace(/\.0$/, "")}`);
  expect(nodeVersionProblem(MIN_NODE_VERSION)).toBeUndefined();
  expect(nodeVersionProblem("24.0.0")).toBeUndefined();
  expect(nodeVersionProblem("22.12.9")).toContain("slacktrux needs Node.js 22.13.0 or newer; this is Node.js 22.12.9");
  expect(nodeVersionProblem("20.20.2")).toContain("this is Node.js 20.20.2");
});

it("the README states that floor", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  expect(readme).toContain(`Node.js ${MIN_NODE_VERSION.replace(/\.0$/, "")} or newer`);
});

it("the npm scripts' wrapper runs a command under this Node when it is new enough, silently", () => {
  const result = spawnSync(process.execPath, ["scripts/supportedNode.mjs", "node", "-p", "process.version"], {
    encoding: "utf8",
  });
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toBe(process.version);
  expect(result.stderr).toBe("");
  // Sanity: the same command without the wrapper agrees.
  expect(execFileSync(process.execPath, ["-p", "process.version"], { encoding: "utf8" }).trim()).toBe(process.version);
});
