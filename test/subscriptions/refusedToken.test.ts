// Issue 18's "done when" for a refused bot token, on a laptop: `slacktrux tick --at` (the built CLI,
// a process per minute, sharing SLACKTRUX_DATA_DIR as cron and `npm start` do) with a loopback
// stand-in for Slack's Web API that refuses every token but the right one. The daily post of 11:30
// is refused then; the admin sets the right token at 13:10; the tick of 13:10 posts it, once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import { openSqliteDatabase } from "../../src/runtimes/local/sqliteDatabase.js";
import { createSqlSubscriptionStore } from "../../src/storage/sqlSubscriptionStore.js";
import { slacktrux } from "../helpers/cli.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";

const fixturePath = new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url).pathname;

let dataDir: string;
let slackApi: SlackWebApiStub;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "slacktrux-refused-"));
  slackApi = await startSlackWebApiStub();
  const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
  try {
    await createSqlSubscriptionStore(database.db, silentLogger).add(
      {
        kind: "digest",
        id: "lunch",
        teamId: "T0TEST",
        channelId: "C0LUNCH",
        places: ["DC - Farragut Square"],
        time: "11:30",
        timeZone: "America/New_York",
        days: ["mon", "tue", "wed", "thu", "fri"],
        createdBy: "U0ASKER",
        createdAt: "2026-12-01T12:00:00.000Z",
      },
      5,
    );
  } finally {
    database.close();
  }
});

afterAll(async () => {
  await slackApi.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `slacktrux tick --at <time>` with this bot token: its summary line and its log lines. */
async function tick(time: string, token: string) {
  const result = await slacktrux(["tick", "--at", time], {
    SLACK_BOT_TOKEN: token,
    SLACK_API_URL: slackApi.apiUrl,
    SLACKTRUX_DATA_DIR: dataDir,
    TRACKER_URL: fixturePath,
  });
  const logs = result.stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { summary: result.stdout.trim(), logs };
}

describe("a daily post whose bot token Slack refused at 11:30", () => {
  it("is posted by the tick of 13:10, once the token works, and not again", async () => {
    const revoked = "xoxb-0000-revoked-token";
    // Wednesday 2 December: 16:30Z is 11:30 in New York.
    expect((await tick("2026-12-02T16:30:00Z", revoked)).summary).toContain("(1 auth-failed)");
    // Past the 30-minute catch-up, still refused: kept, not given up.
    const noon = await tick("2026-12-02T17:00:00Z", revoked);
    expect(noon.summary).toContain("1 auth-failed");
    expect(noon.logs.some((line) => line.outcome === "given-up")).toBe(false);
    expect(slackApi.posts().map((post) => post.authorization)).toEqual([`Bearer ${revoked}`, `Bearer ${revoked}`]);

    const fixed = await tick("2026-12-02T18:10:00Z", TEST_BOT_TOKEN);
    expect(fixed.summary).toContain("(1 posted)");
    expect(fixed.logs.find((line) => line.msg === "subscription")).toMatchObject({
      outcome: "posted",
      subscription: "lunch",
      dueAt: "2026-12-02T16:30:00.000Z",
      minutesLate: 100,
      tokenRefusedBefore: true,
    });
    for (const time of ["2026-12-02T18:11:00Z", "2026-12-02T18:20:00Z", "2026-12-02T22:00:00Z"])
      expect((await tick(time, TEST_BOT_TOKEN)).summary).not.toMatch(/posted|auth-failed|given-up/);
    const posts = slackApi.posts();
    expect(posts).toHaveLength(3);
    expect(posts[2]).toMatchObject({ channel: "C0LUNCH", authorization: `Bearer ${TEST_BOT_TOKEN}` });
    expect(posts[2]!.blocks).toContain("Farragut");
  });
});
