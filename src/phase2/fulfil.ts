// Phase 2: read the tracker, find the places asked for, and post exactly one final answer to the
// asker — the trucks, or a clear explanation. Every path of its own ends in a message or a log;
// only a crash (a bug) throws, after letting go of the command's claim so a retry may answer.
// Every post of a job draws on one DeliveryBudget that ends before the job's claim lapses.
import type { Logger } from "../observe/log.js";
import { noMetrics, type Metrics } from "../observe/metrics.js";
import { METRICS } from "../observe/metricNames.js";
import { deliverToWebhook, type Deliver, type DeliveryResult } from "../slack/deliverMessage.js";
import { createDeliveryBudget } from "../slack/deliveryBudget.js";
import type { SlackMessage } from "../slack/blockKit.js";
import { ACTION_SHARE } from "../messages/actions.js";
import { postedToTeamChannelMessage, problemMessage } from "../messages/messages.js";
import type { Tracker } from "../trucks/tracker.js";
import { composeAnswer, type AnswerKind } from "./composeAnswer.js";
import { isSubscriptionRequest, type FulfilJob } from "./job.js";
import { manageSubscription, type SubscriptionOutcome, type SubscriptionSettings } from "./manageSubscriptions.js";
import { subscriptionsNotSetUpMessage, subscriptionStoreFailedMessage } from "../messages/subscriptionMessages.js";
import { jobBudgetMs, withClaim } from "../claims/claim.js";
import { commandKey, type ClaimStore } from "../claims/claimStore.js";
import { readTracker } from "./readTracker.js";

/** Slack accepts posts to a response_url for 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

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

export async function fulfil(job: FulfilJob, deps: FulfilDeps): Promise<FulfilOutcome> {
  const nowMs = deps.nowMs ?? Date.now;
  const metrics = deps.metrics ?? noMetrics;
  const started = performance.now();
  const place =
    job.request.kind === "places"
      ? job.request.query
      : job.request.kind === "named-places"
        ? job.request.places.join(", ")
        : job.request.kind === "daily-add"
          ? job.request.places
          : job.request.kind;
  const logFields = {
    phase: "fulfil",
    requestId: job.requestId,
    team: job.asker.teamId,
    command: job.asker.command,
    place,
  };
  const finish = (outcome: FulfilOutcome, extra: Record<string, string | number> = {}) => {
    const ms = performance.now() - started;
    const level =
      outcome === "delivery-failed" || outcome === "expired" || outcome === "store-failed" ? "error" : "info";
    deps.log[level]("fulfilled", { ...logFields, outcome, ms: Math.round(ms), ...extra });
    metrics.count(METRICS.jobs, { Outcome: outcome });
    metrics.milliseconds(METRICS.fulfilMs, ms);
    if (outcome === "duplicate") metrics.count(METRICS.duplicates);
    return outcome;
  };

  if (nowMs() - job.receivedAtMs > RESPONSE_URL_LIFETIME_MS) return finish("expired");
  // Held for the response_url's whole life once answered (or undeliverable, which a retry would
  // not change); a crash lets go, so Lambda's retry may answer.
  const outcome = await withClaim(deps.claims, commandKey(job.asker.responseUrl), deps.deadlineMs, async (claim) => {
    // From the claim on: the tracker's deadline and then delivery, so the last post ends well
    // before the claim lapses (claims/claim.ts holds the relation).
    const budget = createDeliveryBudget({ ms: deps.jobBudgetMs ?? jobBudgetMs(deps.deadlineMs), nowMs });
    const post = async (deliver: Deliver, url: string, message: SlackMessage, sparePosts = 0, spareMs = 0) => {
      const result = await deliver(url, message, { budget, sparePosts, spareMs });
      if (result.attempts > 0) metrics.count(METRICS.deliveryTries, {}, result.attempts);
      if (!result.ok) metrics.count(METRICS.deliveryFailures);
      return result;
    };
    const toAsker = (message: SlackMessage, sparePosts = 0) =>
      post(deps.deliver, job.asker.responseUrl, message, sparePosts);
    // Answered, or undeliverable (a retry would do no better): the key stays taken.
    const answered = () => claim.hold(RESPONSE_URL_LIFETIME_MS / 1000);
    const settle = (outcome: FulfilOutcome, result: DeliveryResult, extra: Record<string, string | number> = {}) =>
      result.ok
        ? finish(outcome, { ...extra, attempts: result.attempts })
        : finish("delivery-failed", { ...extra, reason: result.reason, attempts: result.attempts, wanted: outcome });

    const { request } = job;
    if (isSubscriptionRequest(request)) {
      const answer = deps.subscriptions
        ? await manageSubscription(
            request,
            job.asker,
            deps.subscriptions,
            () => readTracker(deps.tracker, deps.deadlineMs, deps.log, logFields, metrics),
            nowMs(),
          ).catch((error: unknown) => {
            // A store that failed or stayed busy past its budget: the asker still gets one answer.
            deps.log.error("subscriptions store failed", { ...logFields, reason: (error as Error).message });
            const changing = !["daily-list", "following"].includes(request.kind);
            return { outcome: "store-failed" as const, message: subscriptionStoreFailedMessage(changing) };
          })
        : {
            outcome: "not-set-up" as const,
            message: subscriptionsNotSetUpMessage(deps.whereToSetBotToken ?? "set `SLACK_BOT_TOKEN`"),
          };
      const result = await toAsker(answer.message, job.reply?.deleteOriginal ? 1 : 0);
      await answered();
      if (result.ok && job.reply?.deleteOriginal) await toAsker({ text: "", delete_original: true });
      return settle(answer.outcome, result);
    }

    const read = await readTracker(deps.tracker, deps.deadlineMs, deps.log, logFields, metrics);
    if (!read.ok) {
      const outcome = read.kind === "too-slow" ? "too-slow" : "tracker-problem";
      const result = await toAsker(problemMessage(read.problem));
      await answered();
      return settle(outcome, result, { trackerError: read.kind, detail: read.detail });
    }
    const { snapshot, fetchMs } = read;

    const answer = composeAnswer(request, snapshot, { askedBy: job.asker.userId, nowMs: nowMs() });
    const reply = job.reply ?? {};
    let message = answer.message;
    if (reply.inChannel) message = forChannel(message);
    if (reply.replaceOriginal) message = { ...message, replace_original: true };
    // The answer may use the response_url's POSTs only down to what its companions need, one each.
    const companions = (answer.followUp ? 1 : 0) + (reply.deleteOriginal ? 1 : 0);

    let result: DeliveryResult;
    const webhookUrl =
      answer.kind === "posted" && !reply.replaceOriginal ? await teamWebhookUrl(deps, logFields) : undefined;
    if (webhookUrl) {
      // Half of what is left at most: if the team channel fails, the asker must still get the trucks.
      result = await post(deps.deliverToWebhook ?? toWebhook, webhookUrl, message, 0, budget.remainingMs() / 2);
      if (result.ok) {
        result = await toAsker(postedToTeamChannelMessage(answer.places ?? []), companions);
      } else {
        // The team channel is unreachable (webhook revoked?): the asker still gets the trucks, here.
        deps.log.error("webhook post failed, answering in the asker's channel", {
          ...logFields,
          reason: result.reason,
        });
        result = await toAsker(message, companions);
      }
    } else {
      result = await toAsker(message, companions);
    }
    // Before the companions, so a crash or timeout while posting them cannot bring a second answer.
    await answered();
    if (result.ok && answer.followUp) {
      const followUp = await toAsker(answer.followUp, reply.deleteOriginal ? 1 : 0);
      if (!followUp.ok) deps.log.warn("follow-up not delivered", { ...logFields, reason: followUp.reason });
    }
    // The menu or ephemeral message that was clicked has done its job once the answer is out.
    if (result.ok && reply.deleteOriginal) await toAsker({ text: "", delete_original: true });
    return settle(answer.kind, result, { fetchMs, ...(answer.places ? { places: answer.places.length } : {}) });
  });
  return outcome === "duplicate" ? finish("duplicate") : outcome;
}

const toWebhook: Deliver = (url, message, share) => deliverToWebhook(url, message, {}, share);

/** The team channel's webhook, if any; one that cannot be read is logged, and the asker answered instead. */
async function teamWebhookUrl(deps: FulfilDeps, logFields: Record<string, string>): Promise<string | undefined> {
  if (typeof deps.webhookUrl !== "function") return deps.webhookUrl;
  try {
    return await deps.webhookUrl();
  } catch (error) {
    deps.log.error("team webhook unavailable, answering in the asker's channel", {
      ...logFields,
      reason: (error as Error).message,
    });
    return undefined;
  }
}

/** A Share: the same answer for the whole channel, without its own Share button. */
function forChannel(message: SlackMessage): SlackMessage {
  const blocks = message.blocks?.filter(
    (block) =>
      !(block.type === "actions" && block.elements.some((e) => "action_id" in e && e.action_id === ACTION_SHARE)),
  );
  return { ...message, response_type: "in_channel", ...(blocks ? { blocks } : {}) };
}
