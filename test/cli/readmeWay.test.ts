// The CLI run exactly as README.md shows it: through `npm run cli --` and as the executable file
// itself. Both must run this checkout's build (dist/cli.mjs), never some other installed copy.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLI_PATH } from "../helpers/cli.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = "test/fixtures/foodtruckfiesta/dc-food-truck-list.html";
const expected = JSON.parse(
  readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.expected.json", import.meta.url), "utf8"),
);

const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

describe("the CLI as README.md runs it", () => {
  it("npm run cli --silent -- trucks --tracker <page> --json", async () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const { stdout } = await run(npm, ["run", "cli", "--silent", "--", "trucks", "--tracker", fixture, "--json"], {
      cwd: root,
      env,
    });
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it("./dist/cli.mjs trucks --tracker <page> --json (the build leaves it executable)", async () => {
    const { stdout } = await run(CLI_PATH, ["trucks", "--tracker", fixture, "--json"], { cwd: root, env });
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it("README.md shows both ways", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toContain("npm run cli -- trucks");
    expect(readme).toContain("node dist/cli.mjs");
  });
});
