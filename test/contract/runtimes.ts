// Every runtime slacktrux runs on, started the way the tests can start it over loopback, behind one
// interface: the runtime-contract suite (runtimeContract.test.ts) sends each the same Slack
// requests and expects the same answers. A new runtime is proven by adding it to RUNTIMES.
import { createFetchApp } from "../../src/runtimes/fetch/fetchApp.js";
import { createLocalApp } from "../../src/runtimes/local/localApp.js";
import { startSocketModeApp } from "../../src/runtimes/socket/socketModeApp.js";
import type { Receiver } from "../../src/runtimes/lambda/receiver.js";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import { silentLogger } from "../../src/observe/log.js";
import { startAwsStub, TEST_CREDENTIALS } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";
import { functionUrlEvent } from "../helpers/functionUrlEvents.mjs";
import { createTestServer } from "../helpers/localApp.js";
import { TEST_SECRET } from "../helpers/slackRequest.js";
import { SocketModeStandIn } from "../helpers/socketModeStandIn.js";
import { startWorker } from "../helpers/workerd.js";
import { importBundle, restoreEnv } from "../lambda/bundle.js";

export interface SlackHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RuntimeAnswer {
  status: number;
  body: string;
}

export interface RunningRuntime {
  /** An HTTP request as Slack (or a health check) sends it. */
  http(request: SlackHttpRequest): Promise<RuntimeAnswer>;
  /** Whether http() carries Slack's requests (Socket Mode's HTTP serves health only). */
  slackOverHttp: boolean;
  /** A slash command's fields, delivered however this runtime receives them: the ack's JSON. */
  command(fields: Record<string, string>, signed: SlackHttpRequest): Promise<RuntimeAnswer>;
  /** An interaction's payload (a modal's submission, its options), delivered as this runtime receives it. */
  interaction(payload: unknown, signed: SlackHttpRequest): Promise<RuntimeAnswer>;
  /** An Events API body, delivered as this runtime receives it. */
  event(body: unknown, signed: SlackHttpRequest): Promise<RuntimeAnswer>;
  /** Whether it serves the modals (a runtime without a subscription store answers that nothing can be saved). */
  servesHome: boolean;
  stop(): Promise<void>;
}

export interface RuntimeUnderTest {
  name: string;
  /** Whether it keeps installations, so serves "Add to Slack" when SLACK_CLIENT_ID is set. */
  installs: boolean;
  /** `env`: the app's settings (tracker, response_url hosts); the signing secret is TEST_SECRET. */
  start(env: Record<string, string>): Promise<RunningRuntime>;
}

const viaFetch = async (base: string, request: SlackHttpRequest): Promise<RuntimeAnswer> => {
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: request.headers,
    ...(request.method === "GET" ? {} : { body: request.body }),
  });
  return { status: response.status, body: await response.text() };
};

/** A runtime that gets every Slack request over HTTP, signed, as Slack sends it. */
function overHttp(
  http: RunningRuntime["http"],
  { servesHome, stop }: Pick<RunningRuntime, "servesHome" | "stop">,
): RunningRuntime {
  const signedOverHttp = (_delivered: unknown, signed: SlackHttpRequest) => http(signed);
  return {
    http,
    slackOverHttp: true,
    servesHome,
    command: signedOverHttp,
    interaction: signedOverHttp,
    event: signedOverHttp,
    stop,
  };
}

const local: RuntimeUnderTest = {
  name: "local (node:http)",
  installs: true,
  async start(env) {
    const server = createTestServer(env);
    const { port } = await server.listen(0);
    const http = (request: SlackHttpRequest) => viaFetch(`http://127.0.0.1:${port}`, request);
    return overHttp(http, { servesHome: true, stop: () => server.close() });
  },
};

const socketMode: RuntimeUnderTest = {
  name: "Socket Mode",
  // Slack allows no Socket Mode app in the Marketplace: one workspace.
  installs: false,
  async start(env) {
    const standIn = await SocketModeStandIn.start({ appToken: "xapp-1-A0TEST-1-contract" });
    const { app, idle } = createLocalApp(env, { log: silentLogger });
    const socket = await startSocketModeApp({
      appToken: "xapp-1-A0TEST-1-contract",
      apiUrl: standIn.apiUrl,
      app,
      log: silentLogger,
      port: 0,
      host: "127.0.0.1",
    });
    const connection = await standIn.connection(1);
    return {
      http: (request) => viaFetch(`http://127.0.0.1:${socket.health.port}`, request),
      slackOverHttp: false,
      servesHome: true,
      async command(fields) {
        const ack = await standIn.ack(connection.sendEnvelope("slash_commands", fields), 3_000);
        return { status: 200, body: JSON.stringify(ack.payload ?? {}) };
      },
      async interaction(payload) {
        const ack = await standIn.ack(connection.sendEnvelope("interactive", payload), 3_000);
        return { status: 200, body: ack.payload === undefined ? "" : JSON.stringify(ack.payload) };
      },
      async event(body) {
        const ack = await standIn.ack(connection.sendEnvelope("events_api", body), 3_000);
        return { status: 200, body: ack.payload === undefined ? "" : JSON.stringify(ack.payload) };
      },
      async stop() {
        await socket.close();
        await idle();
        await standIn.close();
      },
    };
  },
};

const lambda: RuntimeUnderTest = {
  name: "AWS Lambda (both bundles)",
  installs: true,
  async start(env) {
    const running: Promise<unknown>[] = [];
    const aws = await startAwsStub({
      parameters: { "/slacktrux/signing-secret": TEST_SECRET },
      onInvoke: (_name, payload) => void running.push(worker(payload).catch(() => undefined)),
      tables: { "slacktrux-subscriptions": new DynamoTableStub(), "slacktrux-installations": new DynamoTableStub() },
    });
    const lambdaEnv = {
      ...TEST_CREDENTIALS,
      AWS_ENDPOINT_URL: aws.url,
      SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret",
      WORKER_FUNCTION_NAME: "slacktrux-worker",
      // As the stack sets them when the Home is on: claims (event ids) and the subscriptions table
      // (daily posts, follows, saved places) for both functions.
      CLAIMS_TABLE: "slacktrux-claims",
      SUBSCRIPTIONS_TABLE: "slacktrux-subscriptions",
      // Read only with SLACK_CLIENT_ID set, as the stack sets it only then.
      INSTALLATIONS_TABLE: "slacktrux-installations",
      ...env,
    };
    const receiver = await importBundle<Receiver>("receiver", lambdaEnv);
    const worker = await importBundle<Worker>("worker", lambdaEnv);
    const http = async (request: SlackHttpRequest) => {
      // A Function URL gives the query apart from the path.
      const [path = "", query = ""] = request.path.split("?");
      const result = await receiver({
        ...functionUrlEvent({ body: request.body, headers: request.headers, method: request.method, path }),
        rawQueryString: query,
      });
      return { status: result.statusCode, body: result.body };
    };
    return overHttp(http, {
      servesHome: true,
      stop: async () => {
        await Promise.all(running);
        restoreEnv();
        await aws.close();
      },
    });
  },
};

const workers: RuntimeUnderTest = {
  name: "Cloudflare Workers (workerd)",
  installs: true,
  async start(env) {
    const worker = await startWorker(env);
    const http = async (request: SlackHttpRequest) => {
      const response = await worker.request(request.path, {
        method: request.method,
        headers: request.headers,
        ...(request.method === "GET" ? {} : { body: request.body }),
      });
      return { status: response.status, body: await response.text() };
    };
    return overHttp(http, { servesHome: true, stop: () => worker.dispose() });
  },
};

const fetchApi: RuntimeUnderTest = {
  name: "Fetch API",
  // No store for installations here.
  installs: false,
  async start(env) {
    const app = createFetchApp({ SLACK_SIGNING_SECRET: TEST_SECRET, ...env }, silentLogger);
    const http = async (request: SlackHttpRequest) => {
      const response = await app.fetch(
        new Request(`http://slacktrux.test${request.path}`, {
          method: request.method,
          headers: request.headers,
          ...(request.method === "GET" ? {} : { body: request.body }),
        }),
      );
      return { status: response.status, body: await response.text() };
    };
    // No store: the Events API is served, the modals answer that nothing can be saved here.
    return overHttp(http, { servesHome: false, stop: () => app.idle() });
  },
};

export const RUNTIMES: readonly RuntimeUnderTest[] = [local, socketMode, lambda, workers, fetchApi];
