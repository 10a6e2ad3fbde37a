// `slacktrux digest`: posts one daily digest now and exits — for cron on a laptop or server, or to
// try a digest before scheduling it in DIGESTS. Runs the same digest code as every runtime's tick.
import { readDigests } from "../digest/schedules.js";
import { type Env } from "../config/env.js";
import { DIGESTS, SLACK_WEBHOOK_URL } from "../config/registry.js";
import type { FulfilConfig } from "../config/fulfilConfig.js";
import { silentLogger } from "../observe/log.js";
import { createDigester } from "../digest/createDigester.js";
import type { DigestResult } from "../digest/digest.js";
import { readDigestJob, type DigestJob } from "../digest/digestJob.js";
import { MAX_PLACES_PER_DIGEST } from "../subscriptions/subscription.js";
import { trackerFromConfig } from "../phase2/trackerFromConfig.js";
import { envSecrets } from "../app/envSecrets.js";
import { whereToSetLocally } from "../runtimes/local/localApp.js";
import { isWebhookUrl } from "../slack/responseUrlPolicy.js";
import { describeFailure } from "../observe/describeFailure.js";

export interface DigestOptions {
  /** --place, in order; may be empty when --name supplies them. */
  places: string[];
  /** --webhook. */
  webhook?: string | undefined;
  /** --name: an entry of DIGESTS. */
  name?: string | undefined;
  /** Phase 2's configuration (tracker, cache, deadline), with --tracker applied. */
  config: FulfilConfig;
  env: Env;
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runDigest(options: DigestOptions): Promise<number> {
  const job = jobFrom(options);
  if (typeof job === "string") {
    options.err(job);
    return 2;
  }
  const digester = createDigester(options.config, {
    log: silentLogger,
    tracker: trackerFromConfig(options.config),
    readNamedSecret: envSecrets(options.env, whereToSetLocally).readNamed,
  });
  let result: DigestResult;
  try {
    result = await digester(job);
  } catch (error) {
    // A webhookSecret not set here: the message names the variable, never a value.
    options.err(describeFailure(error).reason);
    return 2;
  }
  return report(result, options);
}

/** The job to run, or what is wrong with the command line (exit 2). Never repeats a webhook URL. */
function jobFrom(options: DigestOptions): DigestJob | string {
  const { env } = options;
  let places = options.places.map((place) => place.trim()).filter(Boolean);
  let webhookUrl = options.webhook?.trim() || undefined;
  let timeZone: string | undefined;
  let webhookSecret: string | undefined;
  if (options.name !== undefined) {
    const entry = readDigests(DIGESTS.read(env)).find((schedule) => schedule.name === options.name);
    if (!entry) return `DIGESTS has no digest named "${options.name.slice(0, 64)}".`;
    if (places.length === 0) places = entry.job.places;
    webhookUrl ??= entry.job.webhookUrl;
    webhookSecret = webhookUrl === undefined ? entry.job.webhookSecret : undefined;
    timeZone = entry.timeZone;
  }
  if (webhookSecret === undefined) webhookUrl ??= SLACK_WEBHOOK_URL.read(env);

  if (places.length === 0) return "Name at least one place: --place farragut [--place franklin].";
  if (places.length > MAX_PLACES_PER_DIGEST) return `At most ${MAX_PLACES_PER_DIGEST} places in one digest.`;
  if (webhookUrl === undefined && webhookSecret === undefined)
    return "Give the incoming webhook to post to: --webhook URL (or set SLACK_WEBHOOK_URL).";
  if (webhookUrl !== undefined && !isWebhookUrl(webhookUrl))
    return "The webhook must be an https URL (http only on this machine), e.g. https://hooks.slack.com/services/…";
  return readDigestJob(
    {
      kind: "digest",
      places,
      ...(webhookUrl !== undefined ? { webhookUrl } : { webhookSecret }),
      ...(options.name ? { name: options.name } : {}),
      ...(timeZone ? { timeZone } : {}),
    },
    "digest",
  );
}

function report(result: DigestResult, options: DigestOptions): number {
  const places = result.places.join(", ");
  switch (result.outcome) {
    case "posted":
      options.out(`Posted the food trucks at ${places} to the webhook.`);
      return 0;
    case "no-trucks":
      options.out(`Posted "no trucks yet today"${places ? ` for ${places}` : ""} to the webhook.`);
      return 0;
    case "tracker-problem":
    case "too-slow":
      options.err(
        `Could not read the tracker (${result.reason ?? result.outcome}); posted the problem to the webhook.`,
      );
      return 1;
    case "delivery-failed":
      options.err(`Could not post to the webhook: ${result.reason ?? "unknown reason"}.`);
      return 1;
    case "duplicate":
      // Only a scheduled run is claimed; a command-line digest always posts.
      options.out("This scheduled run of the digest was already posted.");
      return 0;
  }
}
