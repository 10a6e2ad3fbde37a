// Opening a data folder removes the temp files the former JSON store's writers left when they were
// killed between writing and renaming (`subscriptions.json.<pid>.tmp`, `claims/<key>.<pid>.tmp`),
// logs how many, and leaves every other file alone.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/observe/log.js";
import { createLocalApp } from "../../src/runtimes/local/localApp.js";
import { TEST_SECRET } from "../helpers/slackRequest.js";
import { TEST_BOT_TOKEN } from "../helpers/slackWebApiStub.js";

const KEY = "ab".repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dataDir: string) {
  const lines: string[] = [];
  const local = createLocalApp(
    { SLACK_SIGNING_SECRET: TEST_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACKTRUX_DATA_DIR: dataDir },
    { log: createLogger((line) => lines.push(line)) },
  );
  local.close();
  return lines.map((line) => JSON.parse(line) as { msg: string; count?: number });
}

describe("opening the local data folder", () => {
  it("removes the old writers' leftover temp files, logs how many, and keeps everything else", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "slacktrux-tmp-"));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, "claims"));
    const leftovers = ["subscriptions.json.4242.tmp", "subscriptions.json.7.tmp", `claims/${KEY}.4242.tmp`];
    const kept = [
      "subscriptions.json.imported",
      "subscriptions.json.tmp",
      "subscriptions.json.4242.tmp.bak",
      "notes.4242.tmp",
      "my.subscriptions.json.1.tmp",
      `claims/${KEY}`,
      `claims/${KEY}.x.tmp`,
      "claims/other.4242.tmp",
    ];
    for (const name of [...leftovers, ...kept]) writeFileSync(join(dataDir, name), "{}");
    // A folder with a leftover's name is not the old writer's: left alone.
    mkdirSync(join(dataDir, "subscriptions.json.9.tmp"));

    const logs = open(dataDir);

    const left = [...readdirSync(dataDir), ...readdirSync(join(dataDir, "claims")).map((name) => `claims/${name}`)];
    for (const name of leftovers) expect(left).not.toContain(name);
    for (const name of [...kept, "subscriptions.json.9.tmp"]) expect(left).toContain(name);
    expect(logs.filter((line) => line.msg === "old temp files removed from the data folder")).toEqual([
      expect.objectContaining({ count: 3 }),
    ]);
  });

  it("logs nothing about temp files when there are none", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "slacktrux-tmp-"));
    dirs.push(dataDir);
    expect(open(dataDir).map((line) => line.msg)).not.toContain("old temp files removed from the data folder");
  });
});
