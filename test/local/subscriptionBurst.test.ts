// Issue 18's "done when" for the local runtime, through `slacktrux serve` (the built CLI, a child
// process) over HTTP with a SQLite data folder: a burst of 1,000 `follow` commands from 1,000
// users is all answered and saved, and the next follow tick DMs every one; SIGKILL in the middle of
// a burst loses no confirmed follow; garbage over the database stops the start with its name; and
// `daily 11:30 dc` on a page of 40 DC places saves nothing past the cap.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../src/runtimes/local/sqliteDatabase.js";
import { slacktrux } from "../helpers/cli.js";
import { eventually, startSlackCatcher, type LoopbackServer } from "../helpers/loopbackServer.js";
import { startServe, type ServeProcess } from "../helpers/serveProcess.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";

const PLACES = 40;

let dir: string;
let slackApi: SlackWebApiStub;
let responses: LoopbackServer;
const running: ServeProcess[] = [];
const dataDirs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "slacktrux-burst-"));
  // The tracker's page layout with 40 DC places, one truck each: `dc` names them all.
  const places = Array.from(
    { length: PLACES },
    (_, i) =>
      `<h2>DC - Place ${i + 1}</h2><div><a href="http://twitter.com/truck${i + 1}">Truck Number ${i + 1}</a></div>`,
  ).join("\n");
  writeFileSync(
    join(dir, "page.html"),
    `<!DOCTYPE html><html><body><div class="post-content">${places}</div></body></html>`,
  );
  slackApi = await startSlackWebApiStub();
  responses = await startSlackCatcher();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((serve) => serve.stop()));
});

afterAll(async () => {
  await slackApi?.close();
  await responses?.close();
  for (const path of [dir, ...dataDirs]) rmSync(path, { recursive: true, force: true });
});

function newDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), "slacktrux-burst-data-"));
  dataDirs.push(dataDir);
  return dataDir;
}

function envFor(dataDir: string): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    SLACKTRUX_DATA_DIR: dataDir,
    TRACKER_URL: join(dir, "page.html"),
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    PORT: "0",
    // `slacktrux tick --at` plays the clock; the server's own tick would post on the real one.
    TICK_EVERY_MINUTE: "off",
  };
}

async function serve(dataDir: string): Promise<string> {
  const server = startServe(envFor(dataDir));
  running.push(server);
  return (await server.waitForStderr(/listening on (http:\/\/[\d.]+:\d+)/))[1]!;
}

let sent = 0;
/** Sends a signed command and returns the path its answer will be posted to. */
async function send(serverUrl: string, text: string, userId: string): Promise<string> {
  const path = `/burst/${++sent}`;
  const body = commandBody(text, `${responses.url}${path}`, { user_id: userId });
  const ack = await fetch(`${serverUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
  expect(ack.status).toBe(200);
  return path;
}

async function inParallel<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

const answersTo = (paths: Set<string>) => responses.requests.filter((r) => paths.has(r.url));

function countRows(dataDir: string, sql: string): number {
  const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
  try {
    return (database.raw.prepare(sql).get() as { n: number }).n;
  } finally {
    database.close();
  }
}

describe("the local runtime's subscriptions under load and faults", () => {
  it("answers and saves 1,000 follows from 1,000 users at once, and the next follow tick DMs every one", async () => {
    const dataDir = newDataDir();
    const serverUrl = await serve(dataDir);
    const serving = running[running.length - 1]!;
    const users = Array.from({ length: 1_000 }, (_, i) => `U${String(i).padStart(5, "0")}`);
    // All sent before any is answered, from 250 connections at a time: more at once than
    // MAX_CONNECTIONS (512) would be refused by design, as a flood would be.
    const paths = new Set(
      await inParallel(users, 250, (user, i) => send(serverUrl, `follow truck number ${(i % PLACES) + 1}`, user)),
    );
    await eventually(() => answersTo(paths).length >= paths.size, "1,000 answers", 60_000);
    // Every job has finished (none is waiting its turn in the hand-off) before the count: a second
    // answer to one command would otherwise pass for the first answer to another.
    await serving.stop();
    const answers = answersTo(paths);
    expect(new Set(answers.map((a) => a.url)).size).toBe(1_000);
    expect(answers).toHaveLength(1_000);
    expect(answers.filter((a) => a.body.includes("You follow"))).toHaveLength(1_000);
    expect(countRows(dataDir, "SELECT COUNT(*) AS n FROM subscriptions WHERE kind = 'follow'")).toBe(1_000);

    // FOLLOW_TIME 10:30 New York on a Wednesday. Today's tick posts one DM after another: a
    // minute's worth of time for 1,000 of them on a loaded machine.
    const before = slackApi.posts().length;
    const tick = await slacktrux(["tick", "--at", "2026-12-02T15:30:00Z"], envFor(dataDir), 90_000);
    expect(tick.stdout).toContain("1000 due (1000 posted)");
    const dms = slackApi.posts().slice(before);
    expect(new Set(dms.map((post) => post.channel))).toEqual(new Set(users));
  }, 180_000);

  it("loses no confirmed follow when the server is killed (SIGKILL) in the middle of a burst", async () => {
    const dataDir = newDataDir();
    const serverUrl = await serve(dataDir);
    const server = running[running.length - 1]!;
    const users = Array.from({ length: 400 }, (_, i) => `K${String(i).padStart(5, "0")}`);
    const byPath = new Map<string, string>();
    const sending = users.map(async (user, i) => {
      try {
        byPath.set(await send(serverUrl, `follow truck number ${(i % PLACES) + 1}`, user), user);
      } catch {
        // Killed before this one was acknowledged.
      }
    });
    await eventually(() => answersTo(new Set(byPath.keys())).length >= 50, "some answers before the kill", 30_000);
    server.child.kill("SIGKILL");
    await server.exited;
    await Promise.all(sending);
    const confirmed = answersTo(new Set(byPath.keys()))
      .filter((answer) => answer.body.includes("You follow"))
      .map((answer) => byPath.get(answer.url)!);
    expect(confirmed.length).toBeGreaterThanOrEqual(50);

    const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
    try {
      const saved = new Set(
        (database.raw.prepare("SELECT owner_id FROM subscriptions").all() as { owner_id: string }[]).map(
          (row) => row.owner_id,
        ),
      );
      expect(confirmed.filter((user) => !saved.has(user))).toEqual([]);
    } finally {
      database.close();
    }
    // The next process starts at once on the same folder, and its tick finishes.
    const tick = await slacktrux(["tick", "--at", "2026-12-02T15:30:00Z"], envFor(dataDir));
    expect(tick.code).toBe(0);
  }, 60_000);

  it("stops at start with an error naming the database when garbage was written over it", async () => {
    const dataDir = newDataDir();
    const file = join(dataDir, "slacktrux.db");
    writeFileSync(file, "garbage ".repeat(2_000));
    const server = startServe(envFor(dataDir));
    running.push(server);
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain(`slacktrux: ${file} cannot be opened as the slacktrux database`);
    expect(server.stderr()).not.toContain("unexpected error");
  });

  it("`daily 11:30 dc` on a page with 40 DC places saves nothing past the cap, and says why", async () => {
    const dataDir = newDataDir();
    const serverUrl = await serve(dataDir);
    const path = await send(serverUrl, "daily 11:30 dc", "U0CAP");
    await eventually(() => answersTo(new Set([path])).length === 1, "the answer");
    expect(answersTo(new Set([path]))[0]!.body).toContain("matches 40 places, and a daily post shows at most 10");
    expect(countRows(dataDir, "SELECT COUNT(*) AS n FROM subscriptions")).toBe(0);
  });
});
