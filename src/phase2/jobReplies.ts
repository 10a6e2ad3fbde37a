// The posts of one fulfil job, all drawing on one delivery budget: to the asker's response_url (and
// a webhook), holding the command's claim once answered, and logging how the job ended.
import type { Metrics } from "../observe/metrics.js";
import { METRICS } from "../observe/metricNames.js";
import type { Deliver, DeliveryResult } from "../slack/deliverMessage.js";
import type { DeliveryBudget } from "../slack/deliveryBudget.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { FulfilOutcome } from "./fulfilDeps.js";
import type { Extra, FulfilReport } from "./fulfilReport.js";

export interface PostRequest {
  deliver: Deliver;
  url: string;
  message: SlackMessage;
  /** POSTs to this URL kept for the messages that follow. */
  sparePosts?: number;
  /** Time kept for the messages that follow. */
  spareMs?: number;
}

export interface JobReplies {
  budget: DeliveryBudget;
  post(request: PostRequest): Promise<DeliveryResult>;
  /** Posts to the asker's response_url, keeping `sparePosts` of its POSTs for what follows. */
  toAsker(message: SlackMessage, sparePosts?: number): Promise<DeliveryResult>;
  /** Removes the menu or ephemeral message that was clicked. */
  deleteOriginal(): Promise<DeliveryResult>;
  /** Answered, or undeliverable (a retry would do no better): the command's key stays taken. */
  answered(): Promise<void>;
  /** The job's end: the outcome it wanted if the answer got through, "delivery-failed" if not. */
  settle(outcome: FulfilOutcome, result: DeliveryResult, extra?: Extra): FulfilOutcome;
}

export interface JobRepliesOptions {
  responseUrl: string;
  deliver: Deliver;
  budget: DeliveryBudget;
  metrics: Metrics;
  /** Holds the command's claim. */
  answered: () => Promise<void>;
  finish: FulfilReport["finish"];
}

export function createJobReplies(options: JobRepliesOptions): JobReplies {
  const { budget, metrics, finish } = options;
  const post = async ({ deliver, url, message, sparePosts = 0, spareMs = 0 }: PostRequest) => {
    const result = await deliver(url, message, { budget, sparePosts, spareMs });
    if (result.attempts > 0) metrics.count(METRICS.deliveryTries, {}, result.attempts);
    if (!result.ok) metrics.count(METRICS.deliveryFailures);
    return result;
  };
  const toAsker = (message: SlackMessage, sparePosts = 0) =>
    post({ deliver: options.deliver, url: options.responseUrl, message, sparePosts });
  return {
    budget,
    post,
    toAsker,
    deleteOriginal: () => toAsker({ text: "", delete_original: true }),
    answered: options.answered,
    settle: (outcome, result, extra = {}) =>
      result.ok
        ? finish(outcome, { ...extra, attempts: result.attempts })
        : finish("delivery-failed", { ...extra, reason: result.reason, attempts: result.attempts, wanted: outcome }),
  };
}
