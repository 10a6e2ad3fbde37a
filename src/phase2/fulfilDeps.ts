// What phase 2's fulfil needs from its runtime, and every way a job can end.
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import type { Deliver } from "../slack/deliverMessage.js";
import type { Tracker } from "../trucks/tracker.js";
import type { ClaimStore } from "../claims/claimStore.js";
import type { AnswerKind } from "./composeAnswer.js";
import type { SubscriptionOutcome, SubscriptionSettings } from "./manageSubscriptions.js";

export interface FulfilDeps {
  tracker: Tracker;
  deliver: Deliver;
  claims: ClaimStore;
  log: Logger;
  /** Past this, the user is told the tracker is too slow instead of waiting on. */
  deadlineMs: number;
  /**
   * When set, truck lists go to this incoming webhook (a fixed channel) instead of the asker's
   * channel: the URL, or how to read it when first needed (an SSM parameter on AWS).
   */
  webhookUrl?: string | (() => Promise<string>) | undefined;
  /** Posts to webhookUrl; by default with only the webhook's own host allowed. */
  deliverToWebhook?: Deliver;
  /** Jobs, timings, tracker errors, delivery tries; none by default (only the Lambda worker emits them). */
  metrics?: Metrics;
  /** All of one job's posts end within this long of its claim; jobBudgetMs(deadlineMs) by default. */
  jobBudgetMs?: number;
  nowMs?: () => number;
  /** Where `daily` and `follow` commands save; without it (no bot token) they say what to set. */
  subscriptions?: SubscriptionSettings | undefined;
  /** The runtime's sentence for setting SLACK_BOT_TOKEN, in that answer. */
  whereToSetBotToken?: string;
}

export type FulfilOutcome =
  | AnswerKind
  | SubscriptionOutcome
  | "not-set-up"
  | "store-failed"
  | "tracker-problem"
  | "too-slow"
  | "duplicate"
  | "expired"
  | "delivery-failed";
