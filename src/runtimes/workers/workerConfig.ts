// Everything the Worker reads from its vars and secrets, checked together on the first request,
// with the same variable names and messages as every other runtime (config/registry.ts). Errors
// name the variable, never its value.
import { ConfigError, type Env } from "../../config/env.js";
import { readFulfilConfig, type FulfilConfig } from "../../config/fulfilConfig.js";
import { DEFAULT_PLACE, DIGESTS, SLACK_SIGNING_SECRET } from "../../config/registry.js";
import { readSubscriptionConfig, type SubscriptionConfig } from "../../config/subscriptionConfig.js";
import { readDigests, type DigestSchedule } from "../../digest/schedules.js";

export interface WorkerConfig {
  signingSecret: string;
  defaultPlace: string | undefined;
  fulfil: FulfilConfig;
  digests: DigestSchedule[];
  /** Digests and follows set up from Slack: on when the secret SLACK_BOT_TOKEN is set. */
  subscriptions: SubscriptionConfig;
}

export function readWorkerConfig(env: Env): WorkerConfig {
  const signingSecret = SLACK_SIGNING_SECRET.read(env);
  const fulfil = readFulfilConfig(env);
  // A Worker has no files: a path or file: URL could only fail on every command.
  if (fulfil.trackerLocation.protocol === "file:") {
    throw new ConfigError("TRACKER_URL must be an http(s) URL on Cloudflare Workers, which have no files to read");
  }
  return {
    signingSecret,
    defaultPlace: DEFAULT_PLACE.read(env),
    fulfil,
    digests: readDigests(DIGESTS.read(env), { webhookStore: "worker-secret" }),
    subscriptions: readSubscriptionConfig(env),
  };
}

/** A Worker's `env` holds bindings (D1, queues) beside its vars and secrets: the strings only. */
export function textVariables(env: object): Env {
  const text: Env = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") text[name] = value;
  return text;
}
