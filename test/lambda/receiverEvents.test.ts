// The receiver's Events API and "Add to Slack", through its handler (Function URL events in) against
// the loopback AWS stand-in (SSM, the claims, installations and subscriptions tables) and a
// loopback Slack for OAuth: Slack's URL check, a workspace forgotten on uninstall (once, however
// often Slack retries), the install page and callback with the client secret from SSM, a forged
// state refused before any oauth.v2.access, and a slow oauth.v2.access cut at the request's budget.
// A place saved through the receiver's "my place" modal is shown in the Home the worker publishes
// (the receiver's hand-off, an async invoke, run by createWorker) until app_uninstalled forgets it.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/observe/log.js";
import { noMetrics } from "../../src/observe/metrics.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoInstallationStore } from "../../src/runtimes/lambda/aws/dynamoInstallationStore.js";
import { createDynamoSubscriptionStore } from "../../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import type { FunctionUrlResult } from "../../src/runtimes/lambda/functionUrlEvent.js";
import { createReceiver, type ReceiverOptions } from "../../src/runtimes/lambda/receiver.js";
import { createWorker } from "../../src/runtimes/lambda/worker.js";
import { FIELDS, MY_PLACE_MODAL } from "../../src/home/modals.js";
import type { ChannelDigest } from "../../src/subscriptions/subscription.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";
import { functionUrlEvent } from "../helpers/functionUrlEvents.mjs";
import { workspaceInstall } from "../helpers/installations.js";
import { eventually, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { CLIENT_ID, CLIENT_SECRET, startSlackOAuthStub, type SlackOAuthStub } from "../helpers/slackOAuthStub.js";
import { signatureFor, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";

const PUBLIC_URL = "https://trucks.example.com";
const TABLES = {
  CLAIMS_TABLE: "slacktrux-claims",
  INSTALLATIONS_TABLE: "slacktrux-installations",
  SUBSCRIPTIONS_TABLE: "slacktrux-subscriptions",
};

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url), "utf8");

let aws: AwsStub;
let slack: SlackOAuthStub;
let tracker: LoopbackServer;
let installationsTable: DynamoTableStub;
let subscriptionsTable: DynamoTableStub;
let logs: string[];

beforeAll(async () => {
  [aws, slack, tracker] = await Promise.all([
    startAwsStub({
      parameters: { "/slacktrux/signing-secret": TEST_SECRET, "/slacktrux/client-secret": CLIENT_SECRET },
    }),
    startSlackOAuthStub(),
    startTrackerServer(fixture),
  ]);
});
afterAll(async () => {
  await Promise.all([aws?.close(), slack?.close(), tracker?.close()]);
});
beforeEach(() => {
  installationsTable = new DynamoTableStub();
  subscriptionsTable = new DynamoTableStub();
  aws.options.tables = {
    [TABLES.INSTALLATIONS_TABLE]: installationsTable,
    [TABLES.SUBSCRIPTIONS_TABLE]: subscriptionsTable,
  };
  aws.requests.length = 0;
  aws.items.clear();
  slack.codeDelayMs = 0;
  logs = [];
});
afterEach(() => {
  // No secret in any log line: the client secret, the signing secret, a granted token.
  const logged = logs.join("\n");
  for (const secret of [CLIENT_SECRET, TEST_SECRET, ...slack.secretsIssued()]) expect(logged).not.toContain(secret);
});

const awsEnv = () => ({
  ...TEST_CREDENTIALS,
  AWS_ENDPOINT_URL: aws.url,
  SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret",
  WORKER_FUNCTION_NAME: "slacktrux-worker",
});
/** The stack's settings with installs on: every table, the client secret in SSM. */
const installingEnv = () => ({
  ...awsEnv(),
  ...TABLES,
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET_PARAMETER: "/slacktrux/client-secret",
  SLACKTRUX_PUBLIC_URL: PUBLIC_URL,
  SLACK_API_URL: slack.apiUrl,
  TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
});
/** The receiver as the stack deploys it with installs on. */
const installingReceiver = (options: ReceiverOptions = {}) =>
  createReceiver(
    installingEnv(),
    createLogger((line) => logs.push(line)),
    { metrics: noMetrics, ...options },
  );

const signedEvent = (payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  return functionUrlEvent({
    body,
    path: "/slack/events",
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signatureFor(TEST_SECRET, timestamp, body),
      ...headers,
    },
  });
};

const browserGet = (path: string, query = "", cookie?: string) => ({
  ...functionUrlEvent({ body: "", headers: {}, method: "GET", path, base64: false }),
  rawQueryString: query,
  ...(cookie ? { cookies: [cookie] } : {}),
});

const dynamoCalls = (operation: string) =>
  aws.requests.filter((request) => request.headers["x-amz-target"] === `DynamoDB_20120810.${operation}`);

describe("the receiver's Events API", () => {
  it("answers Slack's URL check with its challenge, single-workspace and without any table", async () => {
    const receiver = createReceiver(
      awsEnv(),
      createLogger((line) => logs.push(line)),
      { metrics: noMetrics },
    );
    const result = await receiver(signedEvent({ type: "url_verification", challenge: "c-lambda", token: "x" }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ challenge: "c-lambda" });
  });

  it("forgets a workspace on app_uninstalled then tokens_revoked, and a retry does no work twice", async () => {
    const dynamodb = awsServiceFromEnv("dynamodb", awsEnv());
    const installations = createDynamoInstallationStore({ table: TABLES.INSTALLATIONS_TABLE, dynamodb });
    const subscriptions = createDynamoSubscriptionStore({
      table: TABLES.SUBSCRIPTIONS_TABLE,
      dynamodb,
      log: createLogger(() => {}),
    });
    await installations.save(workspaceInstall("T0GONE"));
    await installations.save(workspaceInstall("T0STAYS"));
    const digest = (teamId: string, id: string): ChannelDigest => ({
      kind: "digest",
      id,
      teamId,
      channelId: "C0LUNCH",
      places: ["DC - Farragut Square"],
      time: "11:30",
      timeZone: "America/New_York",
      days: ["mon"],
      createdBy: "U0ADMIN",
      createdAt: "2026-12-03T12:00:00.000Z",
    });
    await subscriptions.add(digest("T0GONE", "d1"), 5);
    await subscriptions.add(digest("T0STAYS", "d2"), 5);
    const receiver = installingReceiver();
    const uninstalled = {
      type: "event_callback",
      team_id: "T0GONE",
      event_id: "EvUninstalled1",
      event: { type: "app_uninstalled" },
    };

    expect((await receiver(signedEvent(uninstalled))).statusCode).toBe(200);
    expect(await installations.find("team:T0GONE")).toBeUndefined();
    expect(await subscriptions.digestsOf("T0GONE", "C0LUNCH")).toEqual([]);
    expect(await installations.find("team:T0STAYS")).toBeDefined();
    expect(await subscriptions.digestsOf("T0STAYS", "C0LUNCH")).toHaveLength(1);
    expect(logs.join("\n")).toMatch(/"msg":"workspace forgotten".*"installations":1,"subscriptions":1,"places":0/);

    // Slack resends the same event: acked, and nothing is asked of the tables this time.
    const deletesBefore = dynamoCalls("DeleteItem").length;
    const retried = await receiver(signedEvent(uninstalled, { "x-slack-retry-num": "1" }));
    expect(retried.statusCode).toBe(200);
    expect(dynamoCalls("DeleteItem")).toHaveLength(deletesBefore);
    expect(logs.join("\n")).toContain('"outcome":"duplicate"');

    // tokens_revoked after the uninstall (its own event id): nothing left, nothing fails.
    const revoked = await receiver(
      signedEvent({
        type: "event_callback",
        team_id: "T0GONE",
        event_id: "EvRevoked1",
        event: { type: "tokens_revoked", tokens: { bot: ["U0BOT"] } },
      }),
    );
    expect(revoked.statusCode).toBe(200);
    expect(logs.join("\n")).toMatch(/"event":"tokens_revoked".*"installations":0,"subscriptions":0/);
  });
});

describe("saved places on AWS", () => {
  const TEAM = "T0PLACE";
  const USER = "U0PLACE";
  const FARRAGUT = "DC - Farragut Square";
  const NO_PLACE_PROMPT = "Choose your place, and its trucks show here every day.";

  const choosePlace = (place: string) => {
    const payload = {
      type: "view_submission",
      user: { id: USER, team_id: TEAM },
      team: { id: TEAM },
      trigger_id: "trig-place",
      view: {
        id: "VPLACE",
        type: "modal",
        callback_id: MY_PLACE_MODAL,
        private_metadata: "",
        state: {
          values: {
            [FIELDS.place.block]: {
              [FIELDS.place.action]: { type: "external_select", selected_option: { value: place } },
            },
          },
        },
      },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return functionUrlEvent({ body, headers: signedHeaders(body), path: "/slack/interactions" });
  };
  const placeItems = () => [...subscriptionsTable.items.values()].filter((item) => item.pk?.S === `place#${TEAM}`);

  it("shows the place saved through the receiver's modal in the worker's Home, until app_uninstalled deletes it", async () => {
    const installation = workspaceInstall(TEAM);
    const dynamodb = awsServiceFromEnv("dynamodb", awsEnv());
    const installations = createDynamoInstallationStore({ table: TABLES.INSTALLATIONS_TABLE, dynamodb });
    await installations.save(installation);
    slack.acceptBotToken(installation.botToken);
    const invoked: unknown[] = [];
    aws.options.onInvoke = (_functionName, payload) => void invoked.push(payload);
    const receiver = installingReceiver();
    const worker = createWorker(
      installingEnv(),
      createLogger((line) => logs.push(line)),
      noMetrics,
    );
    const publishedHome = async () => {
      const before = slack.homeViews().length;
      expect(await worker({ kind: "home", teamId: TEAM, userId: USER, task: { type: "publish" } })).toBe("published");
      expect(slack.homeViews()).toHaveLength(before + 1);
      return JSON.stringify(slack.homeViews().at(-1));
    };

    try {
      // Saved by the receiver, in the subscriptions table; the Home's republish handed to the worker.
      const saved = await receiver(choosePlace(FARRAGUT));
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toBe("");
      expect(placeItems().map((item) => [item.sk?.S, item.place?.S])).toEqual([[USER, FARRAGUT]]);
      await eventually(() => invoked.length === 1, "the Home's republish handed off");
      expect(invoked[0]).toMatchObject({ kind: "home", teamId: TEAM, userId: USER, task: { type: "publish" } });
      expect(await worker(invoked[0])).toBe("published");
      const shown = JSON.stringify(slack.homeViews().at(-1));
      expect(shown).toContain(`${FARRAGUT}* (your place)`);

      const uninstalled = {
        type: "event_callback",
        team_id: TEAM,
        event_id: "EvPlaceGone1",
        event: { type: "app_uninstalled" },
      };
      expect((await receiver(signedEvent(uninstalled))).statusCode).toBe(200);
      expect(placeItems()).toEqual([]);
      expect(logs.join("\n")).toMatch(/"msg":"workspace forgotten".*"installations":1,"subscriptions":0,"places":1/);

      // Installed again later: the place went with the uninstall, so the worker's Home asks for one.
      await installations.save(installation);
      const after = await publishedHome();
      expect(after).toContain(NO_PLACE_PROMPT);
      expect(after).not.toContain("(your place)");
    } finally {
      delete aws.options.onInvoke;
    }
  });
});

describe("Add to Slack on the receiver", () => {
  /** The install page, then Slack's authorize page, up to the callback the browser is sent back to. */
  const startInstall = async (receiver: ReturnType<typeof installingReceiver>) => {
    const page = await receiver(browserGet("/slack/install"));
    expect(page.statusCode).toBe(200);
    expect(page.headers?.["content-type"]).toMatch(/^text\/html/);
    const cookie = page.cookies![0]!.split(";")[0]!;
    const link = new URL(/href="([^"]+)">Add to Slack/.exec(page.body)![1]!.replace(/&amp;/g, "&"));
    expect(link.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/slack/oauth_redirect`);
    const authorize = await fetch(link);
    const allow = new URL(/id="allow" href="([^"]+)"/.exec(await authorize.text())![1]!.replace(/&amp;/g, "&"));
    return { cookie, query: allow.search.slice(1) };
  };

  it("serves the install page and stores the installation from the callback, with the client secret from SSM", async () => {
    const receiver = installingReceiver();
    slack.nextWorkspace = { teamId: "T0LAMBDA", teamName: "Lambda" };
    const { cookie, query } = await startInstall(receiver);
    const exchanges = slack.codeExchanges();

    const done: FunctionUrlResult = await receiver(browserGet("/slack/oauth_redirect", query, cookie));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("slacktrux is installed");
    expect(slack.codeExchanges()).toBe(exchanges + 1);
    const stored = [...installationsTable.items.values()].map((item) => item.pk?.S);
    expect(stored).toEqual(["team:T0LAMBDA"]);
    // The client secret came from its SSM parameter, decrypted.
    const reads = aws
      .ssmCalls()
      .map((request) => JSON.parse(request.body) as { Name: string; WithDecryption: boolean });
    expect(reads).toContainEqual({ Name: "/slacktrux/client-secret", WithDecryption: true });

    // The same callback again: its state is spent, refused without another exchange.
    const replayed = await receiver(browserGet("/slack/oauth_redirect", query, cookie));
    expect(replayed.statusCode).toBe(409);
    expect(slack.codeExchanges()).toBe(exchanges + 1);
  });

  it("refuses a forged state with a 4xx page, without calling oauth.v2.access", async () => {
    const receiver = installingReceiver();
    const { cookie, query } = await startInstall(receiver);
    const forged = new URLSearchParams(query);
    forged.set("state", `${forged.get("state")!.slice(0, -4)}AAAA`);
    const exchanges = slack.codeExchanges();
    const refused = await receiver(browserGet("/slack/oauth_redirect", forged.toString(), cookie));
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.body).toContain("Start again");
    expect(slack.codeExchanges()).toBe(exchanges);
    expect(installationsTable.items.size).toBe(0);
  });

  it("answers the install page with a try-again page when the client secret cannot be read within the budget", async () => {
    const receiver = installingReceiver({ budgetMs: 300 });
    aws.options.delayMs = { ssm: 1_000 };
    try {
      const page = await receiver(browserGet("/slack/install"));
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain("slacktrux could not answer in time");
      expect(page.cookies).toBeUndefined();
    } finally {
      aws.options.delayMs = {};
    }
  });

  it("gives up on an oauth.v2.access that outlasts the request's budget, with a page that says to try again", async () => {
    const receiver = installingReceiver({ budgetMs: 1_000 });
    const { cookie, query } = await startInstall(receiver);
    slack.codeDelayMs = 3_000;
    const slow = await receiver(browserGet("/slack/oauth_redirect", query, cookie));
    // Cut at the budget: had it waited for Slack, the install would have finished (200).
    expect(slow.statusCode).toBe(503);
    expect(slow.body).toContain("Slack took too long to answer");
    expect(slow.body).toContain("Start again");
    expect(installationsTable.items.size).toBe(0);
    expect(logs.join("\n")).toContain('"error":"out_of_time"');
  });
});
