// @ts-check
// Benchmark 8 — what 10,000 commands a month cost on AWS Lambda, from this run's measured handler
// durations and the deployed memory sizes, beside the always-on server it replaces. Every
// assumption is a named constant; where one is uncertain it leans towards the higher bill.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { round } from "../harness/stats.mjs";

// Prices, us-east-1, arm64 — as given in issue 5, recorded on this date. Not re-checked from this
// machine (it has no internet); check https://aws.amazon.com/lambda/pricing/ before quoting them.
export const PRICES = {
  takenOn: "2026-11-27",
  region: "us-east-1",
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecondArm64: 0.0000133334,
  // The figure; AWS halved on-demand write prices in Nov 2024, so this likely overstates.
  dynamoDbPerMillionWrites: 1.25,
  cloudWatchLogsPerGbIngested: 0.5,
  functionUrl: 0, // Function URLs carry no charge of their own
  sqsOnSuccess: 0, // the failed-jobs queue sees messages only when a job fails every try
  // Pre-Nov-2024 on-demand read price (halved since), like the writes above: leans high.
  dynamoDbPerMillionReads: 0.25,
  schedulerPerMillionInvocations: 1, // after EventBridge Scheduler's 14 million free a month
  // SQS standard queue, after its 1 million free requests a month; a request up to 64 KB is one.
  sqsPerMillionRequests: 0.4,
};
export const FREE_TIER = { lambdaRequests: 1_000_000, lambdaGbSeconds: 400_000, cloudWatchLogsGb: 5 };
export const ALWAYS_ON_SERVER_PER_MONTH = 20;
export const COMMANDS_PER_MONTH = 10_000;

export const ASSUMPTIONS = {
  // At 10,000 a month (a few an hour), most instances will have been reclaimed between commands,
  // so the estimate bills every command as a cold start of both functions; all-warm is the floor.
  // Measured here on a whole core; Lambda gives a whole vCPU only at 1,769 MB, so CPU-bound time
  // is scaled by 1769 / memory (×6.9 at 256 MB, ×3.5 at 512 MB).
  fullVcpuAtMb: 1769,
  // Loopback here; real calls cross the network.
  receiverNetworkMs: 50, // SSM GetParameter at cold start and the Lambda Invoke (Event), in-region
  workerNetworkMs: 300, // fetching the tracker page over the internet, DynamoDB PutItem, the POST to Slack
  logBytesPerCommand: 1_500, // our JSON lines and Lambda's START/END/REPORT lines, both functions
  writesPerCommand: 2, // the worker's PutItems: the conditional claim, then its confirmation once answered
  // Subscriptions (issue 12): EventBridge Scheduler invokes the worker once a minute. A tick with
  // nothing due reads the zones item (1 strongly consistent read unit) and Queries the due index
  // once per time zone in use (0.5 each); it is billed as a warm worker's handler plus one
  // in-region DynamoDB round trip. Posts themselves cost what a command's delivery costs.
  ticksPerMonth: 60 * 24 * 30,
  tickReadUnits: 1.5,
  tickNetworkMs: 20,
  tickLogBytes: 350, // Lambda's START/END/REPORT lines; a tick with nothing due logs nothing of ours
  // The tick's fan-out (infra/tick.ts): due posts go to the DuePosts queue in batches of 25
  // (tickFanOut.ts POSTS_PER_BATCH), one batch per worker invocation. Lambda's poller long-polls
  // the queue even when it is empty: 5 polls at a time, 20 s each, so ~15 ReceiveMessage a minute.
  postsPerBatch: 25,
  idleQueuePollsPerMinute: 15,
  // Per batch: its share of a SendMessageBatch (at most 1), the ReceiveMessage that got it, its DeleteMessage.
  sqsRequestsPerBatch: 3,
};

/** Memory sizes as infra/slacktruxStack.ts declares them, else the defaults. */
/** @param {string} root the repository */
export function configuredMemory(root) {
  const stack = join(root, "infra", "slacktruxStack.ts");
  const fallback = { receiverMb: 256, workerMb: 512, source: "defaults (infra/slacktruxStack.ts not readable)" };
  if (!existsSync(stack)) return fallback;
  const source = readFileSync(stack, "utf8");
  const memoryOf = (/** @type {string} */ id) => {
    const start = source.indexOf(`new lambda.Function(this, "${id}"`);
    const match = start < 0 ? null : /memorySize:\s*(\d+)/.exec(source.slice(start, source.indexOf("});", start)));
    return match ? Number(match[1]) : undefined;
  };
  const receiverMb = memoryOf("Receiver");
  const workerMb = memoryOf("Worker");
  return receiverMb && workerMb ? { receiverMb, workerMb, source: "infra/slacktruxStack.ts" } : fallback;
}

/**
 * measured: { receiverWarmMs, workerWarmMs } — warm in-process handler durations;
 * { receiverColdMs, workerColdMs } — cold init (import + first event) beyond a bare node start;
 * nodeStartMs — that bare start, which Lambda bills as part of the init phase too.
 * @param {{ receiverWarmMs: number; workerWarmMs: number; receiverColdMs: number; workerColdMs: number; nodeStartMs: number }} measured
 * @param {string} root the repository
 */
export function estimateCost(measured, root) {
  const memory = configuredMemory(root);
  const a = ASSUMPTIONS;
  const cpuScale = (/** @type {number} */ mb) => Math.max(1, a.fullVcpuAtMb / mb);
  // Lambda bills duration in 1 ms steps.
  const billedMs = (/** @type {number} */ cpuMs, /** @type {number} */ mb, /** @type {number} */ networkMs) =>
    Math.ceil(cpuMs * cpuScale(mb) + networkMs);
  const n = COMMANDS_PER_MONTH;
  const requests = 2 * n; // the receiver's, and the worker's async invoke

  const scenario = (/** @type {boolean} */ cold) => {
    const receiverMs = billedMs(
      cold ? measured.nodeStartMs + measured.receiverColdMs : measured.receiverWarmMs,
      memory.receiverMb,
      a.receiverNetworkMs,
    );
    const workerMs = billedMs(
      cold ? measured.nodeStartMs + measured.workerColdMs : measured.workerWarmMs,
      memory.workerMb,
      a.workerNetworkMs,
    );
    const gbSeconds =
      n * ((memory.receiverMb / 1024) * (receiverMs / 1000) + (memory.workerMb / 1024) * (workerMs / 1000));
    const logGb = (n * a.logBytesPerCommand) / 1e9;
    const bill = (/** @type {boolean} */ freeTier) => {
      const items = {
        lambdaRequests:
          (Math.max(0, requests - (freeTier ? FREE_TIER.lambdaRequests : 0)) / 1e6) * PRICES.lambdaPerMillionRequests,
        lambdaDuration:
          Math.max(0, gbSeconds - (freeTier ? FREE_TIER.lambdaGbSeconds : 0)) * PRICES.lambdaPerGbSecondArm64,
        // On-demand DynamoDB has no always-free allowance (the free tier covers provisioned capacity).
        dynamoDbWrites: ((n * a.writesPerCommand) / 1e6) * PRICES.dynamoDbPerMillionWrites,
        cloudWatchLogs:
          Math.max(0, logGb - (freeTier ? FREE_TIER.cloudWatchLogsGb : 0)) * PRICES.cloudWatchLogsPerGbIngested,
        functionUrl: PRICES.functionUrl,
        sqs: PRICES.sqsOnSuccess,
      };
      const total = Object.values(items).reduce((sum, value) => sum + value, 0);
      return {
        ...Object.fromEntries(Object.entries(items).map(([key, value]) => [key, round(value)])),
        total: round(total),
      };
    };
    return {
      billedMsPerCommand: { receiver: receiverMs, worker: workerMs },
      gbSecondsPerMonth: round(gbSeconds),
      withoutFreeTier: bill(false),
      withFreeTier: bill(true),
    };
  };

  // The subscription tick: always on once subscriptions are set up, whatever the command volume.
  const tickMs = billedMs(measured.workerWarmMs, memory.workerMb, a.tickNetworkMs);
  const tickGbSeconds = a.ticksPerMonth * (memory.workerMb / 1024) * (tickMs / 1000);
  const subscriptionTick = {
    ticksPerMonth: a.ticksPerMonth,
    billedMsPerTick: tickMs,
    withoutFreeTier: round(
      (a.ticksPerMonth / 1e6) * PRICES.lambdaPerMillionRequests +
        tickGbSeconds * PRICES.lambdaPerGbSecondArm64 +
        ((a.ticksPerMonth * a.tickReadUnits) / 1e6) * PRICES.dynamoDbPerMillionReads +
        (a.ticksPerMonth / 1e6) * PRICES.schedulerPerMillionInvocations +
        ((a.ticksPerMonth * a.tickLogBytes) / 1e9) * PRICES.cloudWatchLogsPerGbIngested,
    ),
  };

  // The tick's queue: its idle polling every month, and what each batch of due posts adds on top
  // (one worker invocation per batch; the posts cost what a command's delivery costs, as above).
  const idlePolls = a.idleQueuePollsPerMinute * a.ticksPerMonth;
  const batchMs = billedMs(measured.workerWarmMs, memory.workerMb, a.workerNetworkMs);
  const perBatch =
    (a.sqsRequestsPerBatch / 1e6) * PRICES.sqsPerMillionRequests +
    PRICES.lambdaPerMillionRequests / 1e6 +
    (memory.workerMb / 1024) * (batchMs / 1000) * PRICES.lambdaPerGbSecondArm64;
  const dueQueue = {
    idlePollRequestsPerMonth: idlePolls,
    idlePollingPerMonth: round((idlePolls / 1e6) * PRICES.sqsPerMillionRequests),
    postsPerBatch: a.postsPerBatch,
    // E.g. 1,000 workspaces with 10 daily posts each: 10,000 posts a day, 400 batches.
    per10kPostsADayPerMonth: round((10_000 / a.postsPerBatch) * 30 * perBatch),
  };

  return {
    commandsPerMonth: n,
    subscriptionTick,
    dueQueue,
    requestsPerMonth: requests,
    memory,
    // The estimate: every command a cold start of both functions (see ASSUMPTIONS).
    everyCommandCold: scenario(true),
    // The floor: every command finds both functions warm.
    everyCommandWarm: scenario(false),
    alwaysOnServer: ALWAYS_ON_SERVER_PER_MONTH,
    prices: PRICES,
    freeTier: FREE_TIER,
    assumptions: ASSUMPTIONS,
  };
}
