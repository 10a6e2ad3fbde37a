// The local runtime wired as `slacktrux serve` wires it, from environment-style settings, on a
// free loopback port: what the end-to-end tests talk to.
import type { Job } from "../../src/app/jobs.js";
import { silentLogger, type Logger } from "../../src/observe/log.js";
import { createLocalApp, type LocalAppOptions } from "../../src/runtimes/local/localApp.js";
import { createLocalServer, type ConnectionLimits, type LocalServer } from "../../src/runtimes/local/server.js";
import { TEST_SECRET } from "./slackRequest.js";

export interface LocalApp {
  local: LocalServer;
  baseUrl: string;
}

export interface TestServerOptions {
  log?: Logger;
  /** Stands between the hand-off and the core (record jobs, run each twice). */
  wrapRunJob?: LocalAppOptions["wrapRunJob"];
  limits?: Partial<ConnectionLimits>;
  signingSecret?: string;
}

/** The local server over the local app core; the signing secret is TEST_SECRET unless given. */
export function createTestServer(env: Record<string, string>, options: TestServerOptions = {}): LocalServer {
  const log = options.log ?? silentLogger;
  const { app, idle } = createLocalApp(
    { SLACK_SIGNING_SECRET: options.signingSecret ?? TEST_SECRET, ...env },
    { log, ...(options.wrapRunJob ? { wrapRunJob: options.wrapRunJob } : {}) },
  );
  return createLocalServer({ app, log, idle, ...(options.limits ? { limits: options.limits } : {}) });
}

/** Records each job handed off, and runs none. */
export function recordJobs(into: Job[]): LocalAppOptions["wrapRunJob"] {
  return () => async (job) => void into.push(job);
}

export async function startLocalApp(env: Record<string, string>, options: TestServerOptions = {}): Promise<LocalApp> {
  const local = createTestServer(env, options);
  const { port } = await local.listen(0);
  return { local, baseUrl: `http://127.0.0.1:${port}` };
}
