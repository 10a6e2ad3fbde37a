// Issue 12's "done when", on a laptop: `npm start` (dist/cli.mjs serve, a child process) takes
// signed `daily` and `follow` commands, and `slacktrux tick --at …` (another process, sharing
// SLACKTRUX_DATA_DIR) posts through a loopback stand-in for Slack's Web API.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../src/runtimes/local/sqliteDatabase.js";
import { CLI_PATH, slacktrux } from "../helpers/cli.js";
import { eventually, startSlackCatcher, type LoopbackServer } from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";

const fixturePath = new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url).pathname;

let dataDir: string;
let env: Record<string, string>;
let slackApi: SlackWebApiStub;
let responses: LoopbackServer;
let server: ChildProcess;
let serverUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "slacktrux-subscriptions-"));
  slackApi = await startSlackWebApiStub();
  responses = await startSlackCatcher();
  env = {
    PATH: process.env.PATH ?? "",
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    SLACKTRUX_DATA_DIR: dataDir,
    TRACKER_URL: fixturePath,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    PORT: "0",
    // The CLI's `tick --at` plays the clock here; the server's own tick, on the real clock, would
    // post on its own if the suite ran at 10:30 or 11:30 in New York.
    TICK_EVERY_MINUTE: "off",
  };
  server = spawn(process.execPath, [CLI_PATH, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
  serverUrl = await new Promise<string>((resolve, reject) => {
    let seen = "";
    server.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    server.once("exit", () => reject(new Error(`serve exited early: ${seen}`)));
  });
});

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await slackApi.close();
  await responses.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let commands = 0;
/** Sends a signed `/foodtrucks <text>` to the server and returns phase 2's answer on its response_url. */
async function command(text: string, overrides: Record<string, string> = {}) {
  const responsePath = `/commands/${++commands}`;
  const body = commandBody(text, `${responses.url}${responsePath}`, overrides);
  const ack = await fetch(`${serverUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
  expect(ack.status).toBe(200);
  await eventually(() => responses.requests.some((r) => r.url === responsePath), `the answer to "${text}"`);
  const answer = responses.requests.find((r) => r.url === responsePath)!;
  return JSON.parse(answer.body) as { response_type?: string; text: string; blocks?: unknown[] };
}

const tick = (at: string) => slacktrux(["tick", "--at", at], env);

describe("subscriptions set up from Slack, on a laptop", () => {
  it("confirms `daily 11:30 farragut` in the channel, naming who set it up", async () => {
    const answer = await command("daily 11:30 farragut");
    expect(answer.response_type).toBe("in_channel");
    expect(answer.text).toContain("<@U0ASKER> set up a daily post");
    expect(answer.text).toContain("DC - Farragut Square");
    expect(answer.text).toContain("11:30 America/New_York, weekdays");
  });

  it("confirms `follow sol mexican` to the follower only", async () => {
    const answer = await command("follow sol mexican");
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text).toContain("You follow *Sol Mexican Grill*");
  });

  it("saves nothing for an unknown place or truck, and suggests", async () => {
    const place = await command("daily 12:00 farrgut");
    expect(place.text).toContain("Did you mean DC - Farragut Square?");
    const truck = await command("follow sol mexcan grill");
    expect(truck.text).toContain("Sol Mexican Grill");
    expect(truck.text).toContain("haven't followed anything");
    const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
    try {
      expect(database.raw.prepare("SELECT COUNT(*) AS n FROM subscriptions").get()).toEqual({ n: 2 });
    } finally {
      database.close();
    }
  });

  it("lists the channel's digests with a Remove button, and the follows", async () => {
    const daily = await command("daily");
    expect(JSON.stringify(daily.blocks)).toContain("DC - Farragut Square");
    expect(JSON.stringify(daily.blocks)).toContain("remove_subscription");
    const following = await command("following");
    expect(JSON.stringify(following.blocks)).toContain("Sol Mexican Grill");
  });

  it("a tick at 16:30Z (11:30 in New York) posts Farragut's trucks to the channel, as the app", async () => {
    const result = await tick("2026-12-02T16:30:00Z");
    expect(result.stdout).toContain("1 due (1 posted)");
    expect(result.code).toBe(0);
    const posts = slackApi.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channel).toBe("C0TEST");
    expect(posts[0]!.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(posts[0]!.blocks).toContain("DC - Farragut Square");
    expect(posts[0]!.blocks).toContain("District Taco");
    expect(posts[0]!.blocks).toContain("daily digest");
    // The token is never printed.
    expect(result.stdout + result.stderr).not.toContain(TEST_BOT_TOKEN);
  });

  it("a tick at 15:30Z (10:30 in New York) DMs the follower where Sol Mexican Grill is", async () => {
    const before = slackApi.posts().length;
    await tick("2026-12-02T15:30:00Z");
    const posts = slackApi.posts().slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channel).toBe("U0ASKER");
    expect(posts[0]!.text).toContain("Sol Mexican Grill");
    expect(posts[0]!.text).toContain("DC - Union Station");
  });

  it("a repeated tick posts nothing new, nor does one on a Saturday", async () => {
    const before = slackApi.posts().length;
    const again = await tick("2026-12-02T16:30:00Z");
    expect(again.stdout).toContain("1 due (1 duplicate)");
    await tick("2026-12-02T15:30:00Z");
    const saturday = await tick("2026-12-05T16:30:00Z");
    expect(saturday.stdout).toContain("0 due");
    await tick("2026-12-05T15:30:00Z");
    expect(slackApi.posts().length).toBe(before);
  });

  it("after `daily off`, no digest is posted", async () => {
    const off = await command("daily off");
    expect(off.text).toContain("<@U0ASKER> removed this channel's 1 daily post");
    const before = slackApi.posts().length;
    const result = await tick("2026-12-03T16:30:00Z");
    expect(result.stdout).toContain("0 due");
    expect(slackApi.posts().length).toBe(before);
  });

  it("without SLACK_BOT_TOKEN, tick runs only DIGESTS and says what to set for the rest", async () => {
    const { SLACK_BOT_TOKEN: _token, ...withoutToken } = env;
    const result = await slacktrux(["tick", "--at", "2026-12-03T16:30:00Z"], withoutToken);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2026-12-03T16:30:00Z: 0 due; subscriptions off (set SLACK_BOT_TOKEN");
  });

  it("garbage over the data files is a clear error naming them, and one answer per command", async () => {
    const file = join(dataDir, "slacktrux.db");
    const garbage = "not a database ".repeat(500);
    for (const name of readdirSync(dataDir)) writeFileSync(join(dataDir, name), garbage);
    const answer = await command("follow takorean", { user_id: "U0GARBAGE" });
    expect(answer.text).toBe("Sorry, I couldn't save that just now, so nothing changed. Please try again in a moment.");
    const result = await tick("2026-12-03T16:30:00Z");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`slacktrux: ${file} cannot be opened as the slacktrux database`);
    expect(result.stderr).not.toContain("unexpected error");
    expect(readFileSync(file, "utf8")).toBe(garbage);
  });
});
