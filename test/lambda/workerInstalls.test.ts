// "Add to Slack" on AWS, through the worker's handler: with installs on (SLACK_CLIENT_ID and the
// stack's INSTALLATIONS_TABLE), each workspace's daily post goes out with its own installed token —
// an org-wide install's with its enterprise's — whether the minute's tick posts itself or fans out
// through the queue, and so does a Home. A rotating token about to expire is refreshed once when
// two worker instances tick at once, under the installations table's conditional writes, and the
// new token is used. The client secret comes from SSM; no secret or token reaches a log line.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Installation } from "../../src/installations/installation.js";
import { createLogger } from "../../src/observe/log.js";
import { noMetrics } from "../../src/observe/metrics.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoInstallationStore } from "../../src/runtimes/lambda/aws/dynamoInstallationStore.js";
import { createDynamoSubscriptionStore } from "../../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import { createWorker, type Worker } from "../../src/runtimes/lambda/worker.js";
import type { ChannelDigest, Weekday } from "../../src/subscriptions/subscription.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";
import { workspaceInstall } from "../helpers/installations.js";
import { startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { CLIENT_ID, CLIENT_SECRET, startSlackOAuthStub, type SlackOAuthStub } from "../helpers/slackOAuthStub.js";
import { importBundle, restoreEnv } from "./bundle.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url), "utf8");
const QUEUE = "https://sqs.us-east-1.amazonaws.com/111122223333/slacktrux-due-posts";
const CLIENT_SECRET_PARAMETER = "/slacktrux/client-secret";
const INSTALLATIONS = "slacktrux-installations";
const SUBSCRIPTIONS = "slacktrux-subscriptions";

let aws: AwsStub;
let tracker: LoopbackServer;
let slack: SlackOAuthStub;
let env: Record<string, string>;
let installations: ReturnType<typeof createDynamoInstallationStore>;
const lines: string[] = [];
/** Tokens written into the installations table, to look for in the logs. */
const written: string[] = [];

/** A worker instance, as a cold start of the function builds it: its own memory, the shared tables. */
const newWorker = (extra: Record<string, string> = {}) =>
  createWorker(
    { ...env, ...extra },
    createLogger((line) => lines.push(line)),
    noMetrics,
  );

const digest = (teamId: string, channelId: string, time: string, days: Weekday[]): ChannelDigest => ({
  kind: "digest",
  id: `d-${channelId}`,
  teamId,
  channelId,
  places: ["farragut"],
  time,
  timeZone: "America/New_York",
  days,
  createdBy: "U0ASKER",
  createdAt: "2026-12-01T12:00:00.000Z",
});

async function install(installation: Installation) {
  await installations.save(installation);
  written.push(installation.botToken, ...(installation.refreshToken ? [installation.refreshToken] : []));
  slack.acceptBotToken(installation.botToken);
}

/** Who got a post since `from`, and with which token: channel → token. */
const postsSince = (from: number) =>
  Object.fromEntries(
    slack
      .posts()
      .slice(from)
      .map((post) => [post.channel, post.token]),
  );

beforeAll(async () => {
  aws = await startAwsStub({
    parameters: { [CLIENT_SECRET_PARAMETER]: CLIENT_SECRET },
    tables: { [SUBSCRIPTIONS]: new DynamoTableStub(), [INSTALLATIONS]: new DynamoTableStub() },
  });
  [tracker, slack] = await Promise.all([startTrackerServer(fixture), startSlackOAuthStub()]);
  env = {
    ...TEST_CREDENTIALS,
    AWS_ENDPOINT_URL: aws.url,
    CLAIMS_TABLE: "slacktrux-claims",
    SUBSCRIPTIONS_TABLE: SUBSCRIPTIONS,
    INSTALLATIONS_TABLE: INSTALLATIONS,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET_PARAMETER: CLIENT_SECRET_PARAMETER,
    SLACKTRUX_PUBLIC_URL: "https://trucks.example.com",
    SLACK_API_URL: slack.apiUrl,
    TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
  };
  const dynamodb = awsServiceFromEnv("dynamodb", env);
  installations = createDynamoInstallationStore({ table: INSTALLATIONS, dynamodb });
  const subscriptions = createDynamoSubscriptionStore({ table: SUBSCRIPTIONS, dynamodb, log: createLogger(() => {}) });
  await install(workspaceInstall("T0001"));
  await install(workspaceInstall("T0002"));
  // An org-wide install: kept under its enterprise, as is what its people set up (slashCommand.ts).
  await install({
    ...workspaceInstall("unused"),
    id: "enterprise:E0007",
    teamId: undefined,
    enterpriseId: "E0007",
    isEnterpriseInstall: true,
    botToken: "xoxb-E0007-1",
  });
  // Wednesday and Thursday, 11:30 in New York.
  for (const [team, channel] of [
    ["T0001", "C0ONE"],
    ["T0002", "C0TWO"],
    ["E0007", "C0ORG"],
  ] as const) {
    await subscriptions.add(digest(team, channel, "11:30", ["wed", "thu"]), 10);
  }
  // Friday at 12:15, for the workspace whose token rotates.
  await subscriptions.add(digest("T0004", "C0FOUR", "12:15", ["fri"]), 10);
});

afterAll(async () => {
  await Promise.all([aws?.close(), tracker?.close(), slack?.close()]);
});

const sqsEvent = (bodies: string[]) => ({
  Records: bodies.map((body, i) => ({ messageId: `m${i}`, body, eventSource: "aws:sqs" })),
});

describe("the worker with installs from Add to Slack", () => {
  it("builds without touching AWS, then posts each workspace's daily post with its own token in one invocation", async () => {
    const requestsBefore = aws.requests.length;
    const worker = newWorker();
    expect(aws.requests.length).toBe(requestsBefore);
    const from = slack.posts().length;
    // 16:30Z on Wednesday 2 December is 11:30 in New York.
    expect(await worker({ kind: "tick", time: "2026-12-02T16:30:00Z" })).toMatchObject({
      due: 3,
      outcomes: { posted: 3 },
      failed: 0,
    });
    expect(postsSince(from)).toEqual({ C0ONE: "xoxb-T0001-1", C0TWO: "xoxb-T0002-1", C0ORG: "xoxb-E0007-1" });
    // The client secret is read from SSM (decrypted), once for the instance.
    expect(aws.ssmCalls().map((call) => JSON.parse(call.body) as unknown)).toEqual([
      { Name: CLIENT_SECRET_PARAMETER, WithDecryption: true },
    ]);
  });

  it("posts each queued batch with its workspace's token when the tick fans out", async () => {
    const worker = newWorker({ DUE_POSTS_QUEUE_URL: QUEUE });
    const from = slack.posts().length;
    // Thursday 3 December, 11:30 in New York.
    expect(await worker({ kind: "tick", time: "2026-12-03T16:30:00Z" })).toEqual({
      minute: "2026-12-03T16:30:00Z",
      due: 3,
      batches: 1,
    });
    expect(slack.posts().length).toBe(from);
    // The queue's consumer is another invocation, maybe another instance.
    expect(await newWorker({ DUE_POSTS_QUEUE_URL: QUEUE })(sqsEvent(aws.queued.get(QUEUE)!))).toEqual({
      batchItemFailures: [],
    });
    expect(postsSince(from)).toEqual({ C0ONE: "xoxb-T0001-1", C0TWO: "xoxb-T0002-1", C0ORG: "xoxb-E0007-1" });
  });

  it("refreshes a token that expires within the hour once when two instances tick at once, and posts with the new one", async () => {
    slack.grantRefreshToken("xoxe-1-t4", { teamId: "T0004", teamName: "Four", expiresIn: 43_200 });
    await install(
      workspaceInstall("T0004", { refreshToken: "xoxe-1-t4", botTokenExpiresAtMs: Date.now() + 30 * 60_000 }),
    );
    const refreshesBefore = slack.refreshes();
    const from = slack.posts().length;
    // Slow enough that the two refreshes would overlap, were there two.
    slack.refreshDelayMs = 300;
    // 17:15Z on Friday 4 December is 12:15 in New York.
    const tick = { kind: "tick", time: "2026-12-04T17:15:00Z" };
    const reports = await Promise.all([newWorker()(tick), newWorker()(tick)]);
    slack.refreshDelayMs = 0;
    expect(slack.refreshes() - refreshesBefore).toBe(1);
    const saved = await installations.find("team:T0004");
    expect(saved?.botToken).toMatch(/^xoxb-stub-T0004-/);
    expect(saved?.refreshToken).not.toBe("xoxe-1-t4");
    // One post, whichever instance made it, with the new token.
    expect(slack.posts().slice(from)).toEqual([{ channel: "C0FOUR", token: saved!.botToken }]);
    expect(reports.map((report) => (report as { outcomes: object }).outcomes)).toContainEqual({ posted: 1 });
    expect(lines.filter((line) => line.includes('"bot token refreshed"'))).toHaveLength(1);
  });

  it("publishes a Home with its workspace's token, an org-wide install's with its enterprise's", async () => {
    const worker = newWorker();
    for (const teamId of ["T0002", "E0007"]) {
      const job = { kind: "home", teamId, userId: `U0${teamId}`, task: { type: "publish" } };
      expect(await worker(job)).toBe("published");
    }
    expect(slack.homesPublished()).toEqual([
      { userId: "U0T0002", token: "xoxb-T0002-1" },
      { userId: "U0E0007", token: "xoxb-E0007-1" },
    ]);
  });

  it("reads installed tokens from the deployed bundle too (dist/lambda/worker.mjs)", async () => {
    const stdout: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    try {
      const worker = await importBundle<Worker>("worker", env);
      const job = { kind: "home", teamId: "T0001", userId: "U0BUNDLE", task: { type: "publish" } };
      expect(await worker(job)).toBe("published");
    } finally {
      vi.restoreAllMocks();
      restoreEnv();
    }
    expect(slack.homesPublished()).toContainEqual({ userId: "U0BUNDLE", token: "xoxb-T0001-1" });
    lines.push(...stdout.join("").split("\n"));
  });

  it("writes no client secret, bot token or refresh token in any log line", () => {
    expect(lines.join("\n")).toContain('"tick"');
    for (const secret of [CLIENT_SECRET, ...written, ...slack.secretsIssued()]) {
      expect(lines.join("\n")).not.toContain(secret);
    }
  });
});
