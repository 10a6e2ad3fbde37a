// What the receiver must do, run against the TypeScript source and against the bundle that is
// deployed (dist/lambda/receiver.mjs): Function URL events in, SigV4-signed async invokes out.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FulfilJob } from "../../src/phase2/job.js";
import type { Receiver } from "../../src/runtimes/lambda/receiver.js";
import type { FunctionUrlEvent } from "../../src/runtimes/lambda/functionUrlEvent.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { sigV4Pattern, startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { functionUrlEvent, mixedCase } from "../helpers/functionUrlEvents.mjs";

export type Env = Record<string, string>;
export type LoadReceiver = (env: Env) => Promise<Receiver>;

const PARAMETER = "/slacktrux/signing-secret";
const WORKER = "slacktrux-Worker11F36D0F-AbCdEf123456";
const RESPONSE_URL = "https://hooks.slack.com/commands/T0TEST/1234567890/s3cr3tR3sp0ns3T0k3n";

export function describeReceiver(name: string, load: LoadReceiver): void {
  describe(name, () => {
    let aws: AwsStub;
    let logs: string[];

    beforeAll(async () => {
      // A pasted secret often ends with a newline; the receiver must not sign with it.
      aws = await startAwsStub({ parameters: { [PARAMETER]: TEST_SECRET + "\n" } });
    });
    afterAll(() => aws.close());
    beforeEach(() => {
      aws.requests.length = 0;
      aws.options.fail = {};
      aws.options.delayMs = {};
      logs = [];
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
        logs.push(String(chunk));
        return true;
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      // Nothing the receiver logs may reveal the signing secret or a response_url.
      const logged = logs.join("");
      expect(logged).not.toContain(TEST_SECRET);
      expect(logged).not.toContain("s3cr3tR3sp0ns3T0k3n");
    });

    const lambdaEnv = (extra: Env = {}): Env => ({
      ...TEST_CREDENTIALS,
      AWS_ENDPOINT_URL: aws.url,
      WORKER_FUNCTION_NAME: WORKER,
      SLACK_SIGNING_SECRET_PARAMETER: PARAMETER,
      ...extra,
    });
    const slashCommand = (
      text: string,
      options: { base64?: boolean; caseHeaders?: (h: Env) => Env; secret?: string } = {},
    ) => {
      const body = commandBody(text, RESPONSE_URL);
      const headers = signedHeaders(body, { secret: options.secret });
      return functionUrlEvent({ body, headers: (options.caseHeaders ?? ((h) => h))(headers), base64: options.base64 });
    };
    /** The EMF lines logged for one metric. */
    const emf = (name: string) =>
      logs
        .join("")
        .split("\n")
        .filter((line) => line.startsWith('{"_aws"'))
        .map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: unknown })
        .filter((line) => name in line);
    const invokedJobs = () => aws.invokes().map((request) => JSON.parse(request.body) as FulfilJob);

    it("acknowledges a base64-encoded command and hands the job to the worker by a signed async invoke", async () => {
      const handler = await load(lambdaEnv());
      const result = await handler(slashCommand("farragut"));

      expect(result.statusCode).toBe(200);
      expect(result.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(result.body)).toMatchObject({
        response_type: "ephemeral",
        text: expect.stringMatching(/Looking up food trucks at farragut/),
      });

      const [invoke, ...others] = aws.invokes();
      expect(others).toHaveLength(0);
      expect(invoke!.url).toBe(`/2015-03-31/functions/${WORKER}/invocations`);
      expect(invoke!.headers["x-amz-invocation-type"]).toBe("Event");
      const signed = sigV4Pattern("lambda").exec(String(invoke!.headers.authorization));
      expect(signed, String(invoke!.headers.authorization)).not.toBeNull();
      expect(signed![1]!.split(";")).toEqual(
        expect.arrayContaining(["host", "x-amz-date", "x-amz-invocation-type", "x-amz-security-token"]),
      );
      expect(invoke!.headers["x-amz-security-token"]).toBe(TEST_CREDENTIALS.AWS_SESSION_TOKEN);

      const [job] = invokedJobs();
      expect(job).toMatchObject({
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        receivedAtMs: expect.any(Number),
        request: { kind: "places", query: "farragut" },
      });
      // Only what phase 2 reads travels: no text, names, channel, trigger or app id.
      expect(job!.asker).toEqual({
        command: "/foodtrucks",
        responseUrl: RESPONSE_URL,
        teamId: "T0TEST",
        userId: "U0ASKER",
        // Where a `daily` command subscribes.
        channelId: "C0TEST",
      });
    });

    it("accepts a plain-text body with mixed-case header names", async () => {
      const handler = await load(lambdaEnv());
      const result = await handler(slashCommand("franklin, farragut", { base64: false, caseHeaders: mixedCase }));

      expect(result.statusCode).toBe(200);
      expect(invokedJobs().map((job) => job.request)).toEqual([{ kind: "places", query: "franklin, farragut" }]);
    });

    it("routes /slack/interactions: a Refresh click becomes a job that replaces the message", async () => {
      const handler = await load(lambdaEnv());
      const payload = {
        type: "block_actions",
        user: { id: "U0CLICKER", team_id: "T0TEST" },
        team: { id: "T0TEST" },
        channel: { id: "C0TEST" },
        container: { type: "message", is_ephemeral: false },
        response_url: RESPONSE_URL,
        actions: [
          { action_id: "refresh_trucks", type: "button", value: JSON.stringify({ places: ["DC - Farragut Square"] }) },
        ],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const result = await handler(
        functionUrlEvent({ body, headers: signedHeaders(body), path: "/slack/interactions" }),
      );

      expect(result.statusCode).toBe(200);
      expect(result.body).toBe("");
      const [job] = invokedJobs();
      expect(job).toMatchObject({
        request: { kind: "named-places", places: ["DC - Farragut Square"] },
        reply: { replaceOriginal: true },
      });
      expect(job!.asker).toEqual({
        command: "/foodtrucks",
        responseUrl: RESPONSE_URL,
        userId: "U0CLICKER",
        teamId: "T0TEST",
        // Whose digests a Remove button removes.
        channelId: "C0TEST",
      });
    });

    it("refuses a bad signature with 401 and invokes nothing", async () => {
      const handler = await load(lambdaEnv());
      const result = await handler(slashCommand("farragut", { secret: "not-the-signing-secret" }));

      expect(result.statusCode).toBe(401);
      expect(result.body).toBe("signature mismatch");
      expect(aws.invokes()).toHaveLength(0);
    });

    it("leaves the other rules to acknowledge(): GET is 405, help needs no worker", async () => {
      const handler = await load(lambdaEnv());
      const get = await handler(functionUrlEvent({ body: "", headers: {}, method: "GET", base64: false }));
      expect(get).toMatchObject({ statusCode: 405, headers: { allow: "POST" } });

      const help = await handler(slashCommand("help"));
      expect(help.statusCode).toBe(200);
      expect(aws.invokes()).toHaveLength(0);
    });

    it("uses DEFAULT_PLACE for a command with no text", async () => {
      const handler = await load(lambdaEnv({ DEFAULT_PLACE: "Farragut Square" }));
      await handler(slashCommand(""));
      expect(invokedJobs().map((job) => job.request)).toEqual([{ kind: "places", query: "Farragut Square" }]);
    });

    it("tells the user when the worker cannot be invoked, and logs why", async () => {
      aws.options.fail = { invoke: { status: 404, type: "ResourceNotFoundException" } };
      const handler = await load(lambdaEnv());
      const result = await handler(slashCommand("farragut"));

      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body).text).toMatch(/couldn't start looking/);
      expect(logs.join("")).toContain("lambda answered HTTP 404 ResourceNotFoundException");
    });

    it("reads the signing secret from SSM once per cold start", async () => {
      const handler = await load(lambdaEnv());
      expect((await handler(slashCommand("farragut"))).statusCode).toBe(200);
      expect((await handler(slashCommand("franklin"))).statusCode).toBe(200);

      const calls = aws.ssmCalls();
      expect(calls).toHaveLength(1);
      expect(JSON.parse(calls[0]!.body)).toEqual({ Name: PARAMETER, WithDecryption: true });
      expect(calls[0]!.headers["content-type"]).toBe("application/x-amz-json-1.1");
      expect(String(calls[0]!.headers.authorization)).toMatch(sigV4Pattern("ssm"));
    });

    it("answers 503 while the secret cannot be read, remembers that for a few seconds, then tries SSM again", async () => {
      aws.options.fail = { ssm: { status: 400, type: "ParameterNotFound" } };
      const handler = await load(lambdaEnv());
      const first = await handler(slashCommand("farragut"));

      expect(first).toMatchObject({ statusCode: 503, body: "slacktrux is not configured yet" });
      expect(aws.invokes()).toHaveLength(0);
      expect(logs.join("")).toContain("ssm answered HTTP 400 ParameterNotFound");

      // A burst within the next seconds gets the same answer without asking SSM again.
      aws.options.fail = {};
      for (let i = 0; i < 5; i++) expect((await handler(slashCommand("farragut"))).statusCode).toBe(503);
      expect(aws.ssmCalls()).toHaveLength(1);

      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(Date.now() + 10_000);
        expect((await handler(slashCommand("farragut"))).statusCode).toBe(200);
      } finally {
        vi.useRealTimers();
      }
      expect(aws.ssmCalls()).toHaveLength(2);
    });

    it("refuses what cannot be Slack's with a 4xx before reading the secret: no AWS call at all", async () => {
      // The parameter is missing too: a request that reached SSM would get a 503, not a 4xx.
      aws.options.fail = { ssm: { status: 400, type: "ParameterNotFound" } };
      const handler = await load(lambdaEnv());
      const body = commandBody("farragut", RESPONSE_URL);
      const now = Math.floor(Date.now() / 1000);
      const signed = signedHeaders(body);
      const unsigned = { "content-type": "application/x-www-form-urlencoded" };
      const cases: [string, FunctionUrlEvent, number][] = [
        ["GET", functionUrlEvent({ body: "", headers: {}, method: "GET" }), 405],
        ["no signature headers", functionUrlEvent({ body, headers: unsigned }), 401],
        ["no signature", functionUrlEvent({ body, headers: { ...signed, "x-slack-signature": "" } }), 401],
        [
          "a malformed signature",
          functionUrlEvent({ body, headers: { ...signed, "x-slack-signature": "v0=zz" } }),
          401,
        ],
        ["a stale timestamp", functionUrlEvent({ body, headers: signedHeaders(body, { timestamp: now - 301 }) }), 401],
        ["a future timestamp", functionUrlEvent({ body, headers: signedHeaders(body, { timestamp: now + 301 }) }), 401],
        ["JSON", functionUrlEvent({ body, headers: { ...signed, "content-type": "application/json" } }), 415],
        ["a body too large", functionUrlEvent({ body: "a".repeat(40 * 1024), headers: signed }), 413],
      ];
      for (const [name, event, status] of cases) {
        expect((await handler(event)).statusCode, name).toBe(status);
      }
      expect(aws.requests).toHaveLength(0);
      // Each is counted as rejected, by route; a GET never reaches a Slack route (the route table answers it).
      expect(emf("Requests").filter((m) => m.Outcome === "rejected")).toHaveLength(cases.length - 1);
    });

    it("emits EMF metrics: requests by route and outcome, ack time by route", async () => {
      const handler = await load(lambdaEnv());
      await handler(slashCommand("farragut"));
      await handler(slashCommand("help"));
      const clickBody = new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", actions: [] }) });
      await handler(
        functionUrlEvent({
          body: clickBody.toString(),
          headers: signedHeaders(clickBody.toString()),
          path: "/slack/interactions",
        }),
      );

      expect(emf("Requests").map(({ Route, Outcome }) => ({ Route, Outcome }))).toEqual([
        { Route: "command", Outcome: "handed-off" },
        { Route: "command", Outcome: "help" },
        { Route: "interaction", Outcome: "rejected" },
      ]);
      const acks = emf("AckMs");
      expect(acks.map((m) => m.Route)).toEqual(["command", "command", "interaction"]);
      for (const ack of acks) expect(ack.AckMs).toBeGreaterThanOrEqual(0);
      const [line] = emf("Requests");
      expect(line!._aws).toMatchObject({
        CloudWatchMetrics: [
          {
            Namespace: "slacktrux",
            Dimensions: [["Route", "Outcome"]],
            Metrics: [{ Name: "Requests", Unit: "Count" }],
          },
        ],
      });
    });

    it("uses SLACK_SIGNING_SECRET when set, without calling SSM", async () => {
      const handler = await load(lambdaEnv({ SLACK_SIGNING_SECRET: TEST_SECRET }));
      expect((await handler(slashCommand("farragut"))).statusCode).toBe(200);
      expect(aws.ssmCalls()).toHaveLength(0);
    });

    it("prefers the per-service endpoint variables over AWS_ENDPOINT_URL", async () => {
      const handler = await load(
        lambdaEnv({
          AWS_ENDPOINT_URL: "http://127.0.0.1:9",
          AWS_ENDPOINT_URL_LAMBDA: aws.url,
          AWS_ENDPOINT_URL_SSM: aws.url + "/",
        }),
      );
      expect((await handler(slashCommand("farragut"))).statusCode).toBe(200);
      expect(aws.invokes()).toHaveLength(1);
    });
  });
}
