// What the worker must do, run against the TypeScript source and the deployed bundle
// (dist/lambda/worker.mjs): a FulfilJob in, the trucks posted once to its response_url; a
// DigestJob in (from EventBridge Scheduler), the trucks posted to the webhook its SSM parameter holds,
// once per scheduled run however often Scheduler delivers it.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DigestJob } from "../../src/digest/digestJob.js";
import type { FulfilJob } from "../../src/phase2/job.js";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import {
  startLoopbackServer,
  startSlackCatcher,
  startTrackerServer,
  type LoopbackServer,
} from "../helpers/loopbackServer.js";
import { startAwsStub, sigV4Pattern, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { METRIC_NAMESPACE, METRICS } from "../../src/observe/metricNames.js";

export type Env = Record<string, string>;
/** Each call is a cold start: a new instance with `env` as its environment. */
export type LoadWorker = (env: Env) => Promise<Worker>;

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");
const WEBHOOK_PARAMETER = "/slacktrux/digest-webhook";
const TEAM_WEBHOOK_PARAMETER = "/slacktrux/webhook";

/** A metric as the worker's EMF lines declare it to CloudWatch. */
interface EmittedMetric {
  name: string;
  dimensions: Record<string, unknown>;
  value: unknown;
}

/** The EMF lines among stdout's: each must name a metric of metricNames.ts, in our namespace. */
function emittedMetrics(stdout: string[]): EmittedMetric[] {
  const known: string[] = Object.values(METRICS);
  return stdout
    .join("")
    .split("\n")
    .filter((line) => line.includes('"_aws"'))
    .map((line) => {
      const record = JSON.parse(line) as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      };
      const [declaration] = record._aws.CloudWatchMetrics;
      expect(declaration!.Namespace).toBe(METRIC_NAMESPACE);
      const name = declaration!.Metrics[0]!.Name;
      expect(known).toContain(name);
      const dimensions = Object.fromEntries(declaration!.Dimensions[0]!.map((key) => [key, record[key]]));
      return { name, dimensions, value: record[name] };
    });
}
const FARRAGUT_TRUCKS = ["District Taco", "Pho-bachi", "Astro Fried Chicken and Doughnuts", "Red Hook Lobster Pound"];

export function fulfilJob(responseUrl: string, query: string, receivedAtMs = Date.now()): FulfilJob {
  return {
    requestId: randomUUID(),
    receivedAtMs,
    asker: { command: "/foodtrucks", responseUrl, userId: "U0ASKER", teamId: "T0TEST" },
    request: { kind: "places", query },
  };
}

export function describeWorker(name: string, load: LoadWorker): void {
  describe(name, () => {
    let aws: AwsStub;
    let tracker: LoopbackServer;
    let slack: LoopbackServer;
    let refusing: LoopbackServer;
    /** A Slack that answers every POST a little late with 503 and `retryAfter`, except POST number `succeedOn`. */
    let busy: LoopbackServer;
    let retryAfter = "0";
    let succeedOn = 0;
    let logs: string[];
    let commandCount = 0;

    beforeAll(async () => {
      [aws, tracker, slack, refusing, busy] = await Promise.all([
        startAwsStub(),
        startTrackerServer(fixture),
        startSlackCatcher(),
        startLoopbackServer((_req, res) => res.writeHead(404).end("no_service")),
        startLoopbackServer((_req, res) => {
          const status = busy.requests.length === succeedOn ? 200 : 503;
          setTimeout(() => res.writeHead(status, { "retry-after": retryAfter }).end(), 20);
        }),
      ]);
    });
    afterAll(() => Promise.all([aws.close(), tracker.close(), slack.close(), refusing.close(), busy.close()]));
    beforeEach(() => {
      for (const server of [aws, tracker, slack, refusing, busy]) server.requests.length = 0;
      retryAfter = "0";
      succeedOn = 0;
      aws.items.clear();
      aws.options.fail = {};
      aws.options.resetAfterPutItem = 0;
      aws.options.parameters = { [WEBHOOK_PARAMETER]: `${slack.url}/services/T0/B0/secret-token-webhook` };
      logs = [];
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
        logs.push(String(chunk));
        return true;
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      expect(logs.join("")).not.toContain("secret-token");
    });

    const workerEnv = (extra: Env = {}): Env => ({
      ...TEST_CREDENTIALS,
      AWS_ENDPOINT_URL: aws.url,
      CLAIMS_TABLE: "slacktrux-claims",
      TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      ...extra,
    });
    const responseUrl = () => `${slack.url}/commands/T0TEST/${++commandCount}/secret-token-${commandCount}`;
    const posted = () => slack.requests.map((request) => JSON.parse(request.body) as SlackMessage);

    it("posts the Farragut Square trucks to the job's response_url", async () => {
      const worker = await load(workerEnv());
      const url = responseUrl();

      expect(await worker(fulfilJob(url, "farragut"))).toBe("posted");
      expect(slack.requests.map((request) => slack.url + request.url)).toEqual([url]);
      const blocks = JSON.stringify(posted()[0]!.blocks);
      expect(blocks).toContain("DC - Farragut Square");
      for (const truck of FARRAGUT_TRUCKS) expect(blocks).toContain(truck);
      expect(tracker.requests).toHaveLength(1);
      expect(String(aws.putItems()[0]!.headers.authorization)).toMatch(sigV4Pattern("dynamodb"));
    });

    it("answers `follow` without subscriptions set up with the AWS way to set the bot token", async () => {
      const worker = await load(workerEnv());
      const job: FulfilJob = { ...fulfilJob(responseUrl(), "x"), request: { kind: "follow", truck: "sol mexican" } };
      expect(await worker(job)).toBe("not-set-up");
      const [answer] = posted();
      expect(answer!.response_type).toBe("ephemeral");
      expect(answer!.text).toContain("-c botTokenParameter=");
      expect(answer!.text).not.toContain("wrangler");
    });

    it("answers a job delivered twice once, even on two instances (the claim is in DynamoDB)", async () => {
      const job = fulfilJob(responseUrl(), "farragut");
      const [first, second] = [await load(workerEnv()), await load(workerEnv())];

      expect(await first(job)).toBe("posted");
      expect(await second(structuredClone(job))).toBe("duplicate");
      expect(slack.requests).toHaveLength(1);
      // Claim (conditional), confirm once answered (unconditional), the duplicate's refused claim.
      const puts = aws.putItems().map((request) => JSON.parse(request.body) as { ConditionExpression?: string });
      expect(puts.map((put) => put.ConditionExpression !== undefined)).toEqual([true, false, true]);
    });

    it("answers when its claim landed but the connection reset before DynamoDB's answer: the resent claim is its own", async () => {
      aws.options.resetAfterPutItem = 1;
      const job = fulfilJob(responseUrl(), "farragut");

      expect(await (await load(workerEnv()))(job)).toBe("posted");
      expect(slack.requests).toHaveLength(1);
      // The claim twice (the same attempt), then the confirm; a real duplicate is still refused.
      const puts = aws.putItems().map((request) => JSON.parse(request.body) as { ConditionExpression?: string });
      expect(puts.map((put) => put.ConditionExpression !== undefined)).toEqual([true, true, false]);
      expect(puts[1]).toEqual(puts[0]);
      expect(await (await load(workerEnv()))(structuredClone(job))).toBe("duplicate");
      expect(slack.requests).toHaveLength(1);
      expect(logs.join("")).not.toContain("claim store failed");
    });

    it("still answers when DynamoDB fails, and logs the failure", async () => {
      aws.options.fail = { dynamodb: { status: 500, type: "InternalServerError" } };
      const worker = await load(workerEnv());

      expect(await worker(fulfilJob(responseUrl(), "farragut"))).toBe("posted");
      expect(slack.requests).toHaveLength(1);
      expect(logs.join("")).toMatch(/claim store failed.*dynamodb answered HTTP 500 InternalServerError/);
    });

    it("falls back to the instance's memory without CLAIMS_TABLE", async () => {
      const worker = await load(workerEnv({ CLAIMS_TABLE: "" }));
      const job = fulfilJob(responseUrl(), "farragut");

      expect([await worker(job), await worker(job)]).toEqual(["posted", "duplicate"]);
      expect(slack.requests).toHaveLength(1);
      expect(aws.putItems()).toHaveLength(0);
    });

    it("reuses the instance's tracker cache across jobs", async () => {
      const worker = await load(workerEnv());
      await worker(fulfilJob(responseUrl(), "farragut"));
      await worker(fulfilJob(responseUrl(), "franklin"));
      expect(slack.requests).toHaveLength(2);
      expect(tracker.requests).toHaveLength(1);
    });

    it("returns (no retry) for a job whose response_url has expired", async () => {
      const worker = await load(workerEnv());
      expect(await worker(fulfilJob(responseUrl(), "farragut", Date.now() - 31 * 60_000))).toBe("expired");
      expect(slack.requests).toHaveLength(0);
    });

    it("links the tracker's origin and path as the Source, never its query", async () => {
      const page = `${tracker.url}/dc-food-truck-list/`;
      const worker = await load(workerEnv({ TRACKER_URL: `${page}?apikey=secret-token-query` }));
      expect(await worker(fulfilJob(responseUrl(), "farragut"))).toBe("posted");
      expect(tracker.requests[0]!.url).toBe("/dc-food-truck-list/?apikey=secret-token-query");
      const message = JSON.stringify(posted()[0]);
      expect(message).toContain(`<${page}|`);
      expect(message).not.toContain("apikey");
    });

    it("emits EMF metrics for a job: its outcome, its times, its delivery tries", async () => {
      const worker = await load(workerEnv());
      const job = fulfilJob(responseUrl(), "farragut");
      expect(await worker(job)).toBe("posted");
      expect(await worker(structuredClone(job))).toBe("duplicate");

      const metrics = emittedMetrics(logs);
      const counts = metrics.filter((metric) => metric.name === METRICS.jobs).map((metric) => metric.dimensions);
      expect(counts).toEqual([{ Outcome: "posted" }, { Outcome: "duplicate" }]);
      expect(metrics).toContainEqual({ name: METRICS.deliveryTries, dimensions: {}, value: 1 });
      expect(metrics).toContainEqual({ name: METRICS.duplicates, dimensions: {}, value: 1 });
      for (const name of [METRICS.fulfilMs, METRICS.trackerFetchMs]) {
        expect(metrics.find((metric) => metric.name === name)).toMatchObject({
          dimensions: {},
          value: expect.any(Number),
        });
      }
      expect(metrics.some((metric) => metric.name === METRICS.deliveryFailures)).toBe(false);
    });

    it("emits TrackerErrors by kind, and DeliveryFailures when Slack refuses", async () => {
      const worker = await load(workerEnv({ TRACKER_URL: `${refusing.url}/dc-food-truck-list/` }));
      const url = `${refusing.url}/commands/T0TEST/${++commandCount}/secret-token-x`;
      expect(await worker(fulfilJob(url, "farragut"))).toBe("delivery-failed");

      const metrics = emittedMetrics(logs);
      expect(metrics).toContainEqual({ name: METRICS.trackerErrors, dimensions: { Kind: "bad-status" }, value: 1 });
      expect(metrics).toContainEqual({ name: METRICS.deliveryFailures, dimensions: {}, value: 1 });
      expect(metrics).toContainEqual({ name: METRICS.jobs, dimensions: { Outcome: "delivery-failed" }, value: 1 });
    });

    it("emits ClaimStoreErrors when the claims table is missing, and still answers", async () => {
      aws.options.fail = { dynamodb: { status: 400, type: "ResourceNotFoundException" } };
      const worker = await load(workerEnv());
      expect(await worker(fulfilJob(responseUrl(), "farragut"))).toBe("posted");
      expect(slack.requests).toHaveLength(1);
      expect(emittedMetrics(logs)).toContainEqual({
        name: METRICS.claimStoreErrors,
        dimensions: { Kind: "missing-table" },
        value: 1,
      });
      expect(logs.join("")).toMatch(
        /"level":"error","time":"[^"]+","msg":"claim store misconfigured \(missing-table\)/,
      );
    });

    it("emits UnclaimedGoAheads when DynamoDB throttles, and still answers", async () => {
      aws.options.fail = { dynamodb: { status: 400, type: "ThrottlingException" } };
      const worker = await load(workerEnv());
      expect(await worker(fulfilJob(responseUrl(), "farragut"))).toBe("posted");
      expect(emittedMetrics(logs)).toContainEqual({
        name: METRICS.unclaimedGoAheads,
        dimensions: { Reason: "throttled" },
        value: 1,
      });
    });

    const click = (url: string, query = "farragut, frankln") => ({
      ...fulfilJob(url, query),
      reply: { inChannel: true, deleteOriginal: true },
    });

    it("POSTs at most five times to one response_url, counting every try of the answer, its follow-up and the clean-up", async () => {
      succeedOn = 3; // the answer gets through on its third try; nothing else does
      const worker = await load(workerEnv());
      const url = `${busy.url}/commands/T0TEST/${++commandCount}/secret-token-busy`;
      expect(await worker(click(url))).toBe("posted");
      expect(busy.requests).toHaveLength(5);
      expect(emittedMetrics(logs).filter((metric) => metric.name === METRICS.deliveryTries)).toEqual([
        { name: METRICS.deliveryTries, dimensions: {}, value: 3 },
        { name: METRICS.deliveryTries, dimensions: {}, value: 1 },
        { name: METRICS.deliveryTries, dimensions: {}, value: 1 },
      ]);
    });

    it("holds the claim of an answer it could not deliver, so a retry stays silent", async () => {
      const worker = await load(workerEnv());
      const url = `${busy.url}/commands/T0TEST/${++commandCount}/secret-token-busy`;
      expect(await worker(click(url))).toBe("delivery-failed");
      expect(busy.requests.length).toBeLessThanOrEqual(5);
      const puts = aws.putItems().map((request) => JSON.parse(request.body) as { ConditionExpression?: string });
      expect(puts.map((put) => put.ConditionExpression !== undefined)).toEqual([true, false]);
      expect(await (await load(workerEnv()))(structuredClone(click(url)))).toBe("duplicate");
    });

    it("gives up at once when Slack's Retry-After is past the job's delivery budget", async () => {
      retryAfter = "3600";
      const worker = await load(workerEnv());
      const url = `${busy.url}/commands/T0TEST/${++commandCount}/secret-token-later`;
      expect(await worker(fulfilJob(url, "farragut"))).toBe("delivery-failed");
      expect(busy.requests).toHaveLength(1);
      expect(logs.join("")).toMatch(/outlast the job's delivery budget/);
    });

    it("posts truck lists to the team webhook its SSM parameter holds, read once per instance", async () => {
      aws.options.parameters = { [TEAM_WEBHOOK_PARAMETER]: `${slack.url}/services/T0/B0/secret-token-team` };
      const worker = await load(workerEnv({ SLACK_WEBHOOK_PARAMETER: TEAM_WEBHOOK_PARAMETER }));
      const [first, second] = [responseUrl(), responseUrl()];

      expect(await worker(fulfilJob(first, "farragut"))).toBe("posted");
      expect(await worker(fulfilJob(second, "franklin"))).toBe("posted");
      expect(slack.requests.map((request) => slack.url + request.url)).toEqual([
        `${slack.url}/services/T0/B0/secret-token-team`,
        first,
        `${slack.url}/services/T0/B0/secret-token-team`,
        second,
      ]);
      expect(JSON.stringify(posted()[0]!.blocks)).toContain("District Taco");
      expect(posted()[1]!.response_type).toBe("ephemeral");
      const [ssmCall, ...others] = aws.ssmCalls();
      expect(JSON.parse(ssmCall!.body)).toEqual({ Name: TEAM_WEBHOOK_PARAMETER, WithDecryption: true });
      expect(others).toHaveLength(0);
    });

    it("answers in the asker's channel when the team webhook's parameter cannot be read, and says why in the log", async () => {
      aws.options.parameters = {};
      const worker = await load(workerEnv({ SLACK_WEBHOOK_PARAMETER: TEAM_WEBHOOK_PARAMETER }));
      const url = responseUrl();

      expect(await worker(fulfilJob(url, "farragut"))).toBe("posted");
      expect(slack.requests.map((request) => slack.url + request.url)).toEqual([url]);
      expect(posted()[0]!.response_type).toBe("in_channel");
      expect(logs.join("")).toMatch(
        /"msg":"team webhook unavailable, answering in the asker's channel".*ParameterNotFound/,
      );
    });

    it("refuses SLACK_WEBHOOK_URL, naming SLACK_WEBHOOK_PARAMETER in its place", async () => {
      const worker = await load(workerEnv({ SLACK_WEBHOOK_URL: `${slack.url}/services/T0/B0/secret-token-plain` }));
      await expect(worker(fulfilJob(responseUrl(), "farragut"))).rejects.toThrow(
        /SLACK_WEBHOOK_URL is not read on AWS Lambda.*SLACK_WEBHOOK_PARAMETER/,
      );
      expect(slack.requests).toHaveLength(0);
    });

    const digestJob = (extra: Partial<DigestJob> = {}): DigestJob => ({
      kind: "digest",
      name: "lunch",
      places: ["farragut", "franklin"],
      webhookSecret: WEBHOOK_PARAMETER,
      ...extra,
    });

    it("runs a scheduled DigestJob: the webhook URL read decrypted from SSM, the trucks posted to it", async () => {
      const worker = await load(workerEnv());

      expect(await worker(digestJob())).toBe("posted");
      expect(slack.requests.map((request) => request.url)).toEqual(["/services/T0/B0/secret-token-webhook"]);
      const blocks = JSON.stringify(posted()[0]!.blocks);
      expect(blocks).toContain("DC - Franklin Square");
      expect(blocks).toContain("daily digest");
      const [ssmCall] = aws.ssmCalls();
      expect(JSON.parse(ssmCall!.body)).toEqual({ Name: WEBHOOK_PARAMETER, WithDecryption: true });
      expect(String(ssmCall!.headers.authorization)).toMatch(sigV4Pattern("ssm"));
      // No scheduledTime, no run to claim.
      expect(aws.putItems()).toHaveLength(0);
      expect(logs.join("")).toMatch(/"msg":"digest","phase":"digest","digest":"lunch".*"outcome":"posted"/);
    });

    // EventBridge Scheduler delivers at least once; each delivery of a run carries the run's time.
    const RUN = "2025-03-03T16:30:00Z";
    const claimPuts = () =>
      aws
        .putItems()
        .map(
          (request) => JSON.parse(request.body) as { ConditionExpression?: string; Item: { expiresAt: { N: string } } },
        );

    it("posts a scheduled run once when Scheduler delivers it twice, even on two instances (the claim is in DynamoDB)", async () => {
      const job = digestJob({ scheduledTime: RUN });
      const [first, second] = [await load(workerEnv()), await load(workerEnv())];

      expect(await first(job)).toBe("posted");
      expect(await second(structuredClone(job))).toBe("duplicate");
      expect(slack.requests).toHaveLength(1);
      // Claim (conditional), confirm once posted (unconditional, for a day), the duplicate's refused claim.
      const puts = claimPuts();
      expect(puts.map((put) => put.ConditionExpression !== undefined)).toEqual([true, false, true]);
      expect(Number(puts[1]!.Item.expiresAt.N)).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
      expect(logs.join("")).toMatch(
        /"msg":"digest","phase":"digest","digest":"lunch".*"scheduledTime":"2025-03-03T16:30:00Z".*"outcome":"duplicate"/,
      );
    });

    it("posts each scheduled run: another scheduledTime is another run", async () => {
      const worker = await load(workerEnv());

      expect(await worker(digestJob({ scheduledTime: RUN }))).toBe("posted");
      expect(await worker(digestJob({ scheduledTime: "2025-03-04T16:30:00Z" }))).toBe("posted");
      expect(await worker(digestJob({ scheduledTime: RUN }))).toBe("duplicate");
      expect(slack.requests).toHaveLength(2);
    });

    it("claims nothing for a digest without scheduledTime: it posts every time, as `slacktrux digest` does", async () => {
      const worker = await load(workerEnv());

      expect([await worker(digestJob()), await worker(digestJob())]).toEqual(["posted", "posted"]);
      expect(slack.requests).toHaveLength(2);
      expect(aws.putItems()).toHaveLength(0);
    });

    it("lets go of a run whose post failed, so Lambda's retry a minute later posts it", async () => {
      aws.options.parameters = { [WEBHOOK_PARAMETER]: `${refusing.url}/services/T0/B0/secret-token-webhook` };
      const job = digestJob({ scheduledTime: RUN });

      await expect((await load(workerEnv()))(job)).rejects.toThrow("digest not delivered");
      // Claimed for the attempt, then let go (held until now) once the post failed.
      const puts = claimPuts();
      expect(puts.map((put) => put.ConditionExpression !== undefined)).toEqual([true, false]);
      expect(Number(puts[1]!.Item.expiresAt.N)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));

      // The retry comes at least a minute later.
      for (const key of aws.items.keys()) aws.items.set(key, Math.floor(Date.now() / 1000) - 60);
      aws.options.parameters = { [WEBHOOK_PARAMETER]: `${slack.url}/services/T0/B0/secret-token-webhook` };
      expect(await (await load(workerEnv()))(structuredClone(job))).toBe("posted");
      expect(slack.requests).toHaveLength(1);
    });

    it("refuses a scheduledTime that is not a date and time, naming the field", async () => {
      const worker = await load(workerEnv());
      // As an unfilled placeholder would arrive, e.g. the schedule's input pasted into a test invoke.
      await expect(worker(digestJob({ scheduledTime: "<aws.scheduler.scheduled-time>" }))).rejects.toThrow(
        /digest job\.scheduledTime must be/,
      );
      expect(slack.requests).toHaveLength(0);
    });

    it("reads the webhook parameter once per instance, and shares the tracker cache with commands", async () => {
      const worker = await load(workerEnv());
      expect(await worker(fulfilJob(responseUrl(), "farragut"))).toBe("posted");
      expect(await worker(digestJob())).toBe("posted");
      expect(await worker(digestJob({ places: ["metro center"] }))).toBe("no-trucks");

      expect(aws.ssmCalls()).toHaveLength(1);
      expect(tracker.requests).toHaveLength(1);
      expect(slack.requests).toHaveLength(3);
    });

    it("throws when the webhook parameter cannot be read, so Lambda retries; the retry reads SSM again", async () => {
      aws.options.parameters = {};
      const worker = await load(workerEnv());

      await expect(worker(digestJob())).rejects.toThrow(/ParameterNotFound/);
      expect(logs.join("")).toMatch(/"msg":"digest crashed","phase":"digest","digest":"lunch"/);
      expect(slack.requests).toHaveLength(0);

      aws.options.parameters = { [WEBHOOK_PARAMETER]: `${slack.url}/services/T0/B0/secret-token-webhook` };
      expect(await worker(digestJob())).toBe("posted");
      expect(aws.ssmCalls()).toHaveLength(2);
    });

    it("throws when the webhook refuses the digest, so the failure ends in the queue and its alarm", async () => {
      aws.options.parameters = { [WEBHOOK_PARAMETER]: `${refusing.url}/services/T0/B0/secret-token-webhook` };
      const worker = await load(workerEnv());

      await expect(worker(digestJob())).rejects.toThrow("digest not delivered: Slack answered HTTP 404");
      expect(refusing.requests).toHaveLength(1);
    });

    it("refuses a malformed DigestJob, naming the field", async () => {
      const worker = await load(workerEnv());
      await expect(worker({ kind: "digest", places: [], webhookParameter: WEBHOOK_PARAMETER })).rejects.toThrow(
        /digest job\.places must be/,
      );
      expect(slack.requests).toHaveLength(0);
    });

    it("throws on a misconfiguration, so Lambda retries and then queues the job", async () => {
      const worker = await load(workerEnv({ TRACKER_CACHE_SECONDS: "-5" }));
      const job = fulfilJob(responseUrl(), "farragut");

      await expect(worker(job)).rejects.toThrow(/TRACKER_CACHE_SECONDS/);
      expect(logs.join("")).toMatch(
        /"msg":"configuration error","phase":"config","error":"ConfigError","reason":"TRACKER_CACHE_SECONDS/,
      );
    });
  });
}
