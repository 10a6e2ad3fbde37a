// Issue 18's "done when" for the in-process ticker: `npm start` (dist/cli.mjs serve) with
// SLACKTRUX_DATA_DIR, SLACK_BOT_TOKEN and SLACK_API_URL at a loopback stand-in for Slack. The
// ticker runs on the real clock: it ticks at start (catching up what fell due while it was down)
// and then on each minute. The daily posts are set up due in the minutes just before the start,
// in a time zone where it is daytime now, so the suite never waits for a minute to turn.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../src/runtimes/local/sqliteDatabase.js";
import { createSqlSubscriptionStore } from "../../src/storage/sqlSubscriptionStore.js";
import { silentLogger } from "../../src/observe/log.js";
import type { ChannelDigest } from "../../src/subscriptions/subscription.js";
import { slacktrux } from "../helpers/cli.js";
import { eventually, startLoopbackServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { startServe, type ServeProcess } from "../helpers/serveProcess.js";
import { TEST_SECRET } from "../helpers/slackRequest.js";

const fixturePath = new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url).pathname;
const GOOD_TOKEN = "xoxb-0000-good-token";
const REFUSED_TOKEN = "xoxb-0000-revoked-token";

let dataDir: string;
let slack: LoopbackServer;
let serve: ServeProcess | undefined;
/** Channels whose next post Slack answers 429 to. */
let rateLimitOnce: Set<string>;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "slacktrux-ticker-"));
  rateLimitOnce = new Set();
  slack = await startLoopbackServer((req, res) => {
    const body = JSON.parse(req.body) as { channel: string };
    if (rateLimitOnce.delete(body.channel)) {
      res.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    const ok = req.headers.authorization === `Bearer ${GOOD_TOKEN}`;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { ok: true, channel: body.channel, ts: "1.2" } : { ok: false, error: "invalid_auth" }));
  });
});

afterEach(async () => {
  await serve?.stop();
  serve = undefined;
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fixed-offset zone where it is now between 06:00 and 18:00, so minutes just past are today. */
function daytimeZone(now: Date): string {
  const offset = 12 - now.getUTCHours(); // local hour 12 at offset +offset
  const hours = ((((offset + 11) % 24) + 24) % 24) - 11; // -11…+12
  // Etc/GMT's sign is inverted: Etc/GMT-5 is UTC+5.
  return hours === 0 ? "Etc/GMT" : `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
}

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    at,
  );
}

async function saveDigests(digests: { channel: string; minutesAgo: number }[]) {
  const now = new Date();
  const timeZone = daytimeZone(now);
  const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
  try {
    const store = createSqlSubscriptionStore(database.db, silentLogger);
    for (const [index, { channel, minutesAgo }] of digests.entries()) {
      const digest: ChannelDigest = {
        kind: "digest",
        id: `digest-${index}`,
        teamId: "T0001",
        channelId: channel,
        places: ["DC - Farragut Square"],
        time: localTime(new Date(now.getTime() - minutesAgo * 60_000), timeZone),
        timeZone,
        days: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
        createdBy: "U0ASKER",
        createdAt: now.toISOString(),
      };
      expect(await store.add(digest, 5)).toBe("added");
    }
  } finally {
    database.close();
  }
}

function start(token: string) {
  serve = startServe({
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_BOT_TOKEN: token,
    SLACK_API_URL: `${slack.url}/api/`,
    SLACKTRUX_DATA_DIR: dataDir,
    TRACKER_URL: fixturePath,
    PORT: "0",
  });
  return serve;
}

const postedTo = () =>
  slack.requests
    .filter((r) => r.url === "/api/chat.postMessage")
    .map((r) => (JSON.parse(r.body) as { channel: string }).channel);

describe("the in-process ticker of `npm start`", () => {
  it("posts four daily posts due over three minutes, though Slack rate-limits the first posts", async () => {
    await saveDigests([
      { channel: "C1", minutesAgo: 3 },
      { channel: "C2", minutesAgo: 3 },
      { channel: "C1", minutesAgo: 2 },
      { channel: "C3", minutesAgo: 1 },
    ]);
    rateLimitOnce = new Set(["C1", "C2"]);
    const server = start(GOOD_TOKEN);
    await eventually(
      () => server.logs().filter((line) => line.msg === "subscription" && line.outcome === "posted").length === 4,
      "four posts",
      15_000,
    );
    const posted = server.logs().filter((line) => line.msg === "subscription" && line.outcome === "posted");
    expect(posted.every((line) => typeof line.minutesLate === "number" && line.minutesLate >= 1)).toBe(true);
    // Two 429s, each waited out and posted: six requests, four posts, no double.
    expect(postedTo().sort()).toEqual(["C1", "C1", "C1", "C2", "C2", "C3"]);
  }, 30_000);

  it("posts a run refused for its token the same day, once the token works", async () => {
    await saveDigests([{ channel: "C9", minutesAgo: 1 }]);
    const refused = start(REFUSED_TOKEN);
    await eventually(
      () => refused.logs().some((line) => line.msg === "subscription" && line.outcome === "auth-failed"),
      "the refused post",
      15_000,
    );
    await refused.stop();
    // The admin sets a working token and restarts: the tick at start posts the run.
    const fixed = start(GOOD_TOKEN);
    await eventually(
      () => fixed.logs().some((line) => line.msg === "subscription" && line.outcome === "posted"),
      "the post once the token works",
      15_000,
    );
    expect(postedTo()).toEqual(["C9", "C9"]);
  }, 30_000);

  it("posts a run refused for its token 45 minutes ago, past the catch-up window, once the token works", async () => {
    const dueAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 45 * 60_000);
    await saveDigests([{ channel: "C8", minutesAgo: 45 }]);
    const refused = await slacktrux(["tick", "--at", dueAt.toISOString()], {
      SLACK_BOT_TOKEN: REFUSED_TOKEN,
      SLACK_API_URL: `${slack.url}/api/`,
      SLACKTRUX_DATA_DIR: dataDir,
      TRACKER_URL: fixturePath,
    });
    expect(refused.stdout).toContain("1 auth-failed");
    const fixed = start(GOOD_TOKEN);
    await eventually(
      () => fixed.logs().some((line) => line.msg === "subscription" && line.outcome === "posted"),
      "the post once the token works",
      15_000,
    );
    const posted = fixed.logs().find((line) => line.msg === "subscription" && line.outcome === "posted");
    expect(posted).toMatchObject({ dueAt: dueAt.toISOString(), tokenRefusedBefore: true });
    expect(posted!.minutesLate).toBeGreaterThanOrEqual(45);
    expect(postedTo()).toEqual(["C8", "C8"]);
  }, 30_000);
});
