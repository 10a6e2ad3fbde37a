// Phase 2: read the tracker, find the places asked for, and post exactly one final answer to the
// asker — the trucks, or a clear explanation. Every path of its own ends in a message or a log;
// only a crash (a bug) throws, after letting go of the command's claim so a retry may answer.
import type { Logger } from "../observe/log.js";
import { deliverToWebhook, type Deliver, type DeliveryResult } from "../slack/deliverMessage.js";
import type { SlackMessage } from "../slack/blockKit.js";
import { ACTION_SHARE } from "../messages/actions.js";
import { postedToTeamChannelMessage, problemMessage } from "../messages/messages.js";
import type { Tracker } from "../trucks/tracker.js";
import { composeAnswer, type AnswerKind } from "./composeAnswer.js";
import { isSubscriptionRequest, type FulfilJob } from "./job.js";
import { manageSubscription, type SubscriptionOutcome, type SubscriptionSettings } from "./manageSubscriptions.js";
import { subscriptionsNotSetUpMessage } from "../messages/subscriptionMessages.js";
import { withClaim } from "../claims/claim.js";
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
  /** When set, truck lists go to this incoming webhook (a fixed channel) instead of the asker's channel. */
  webhookUrl?: string | undefined;
  /** Posts to webhookUrl; by default with only the webhook's own host allowed. */
  deliverToWebhook?: Deliver;
  nowMs?: () => number;
  /** Where `daily` and `follow` commands save; without it (no bot token) they say what to set. */
  subscriptions?: SubscriptionSettings | undefined;
}

export type FulfilOutcome =
  | AnswerKind
  | SubscriptionOutcome
  | "not-set-up"
  | "tracker-problem"
  | "too-slow"
  | "duplicate"
  | "expired"
  | "delivery-failed";

export async function fulfil(job: FulfilJob, deps: FulfilDeps): Promise<FulfilOutcome> {
  const nowMs = deps.nowMs ?? Date.now;
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
    const level = outcome === "delivery-failed" || outcome === "expired" ? "error" : "info";
    deps.log[level]("fulfilled", { ...logFields, outcome, ms: Math.round(performance.now() - started), ...extra });
    return outcome;
  };

  if (nowMs() - job.receivedAtMs > RESPONSE_URL_LIFETIME_MS) return finish("expired");
  // Held for the response_url's whole life once answered (or undeliverable, which a retry would
  // not change); a crash lets go, so Lambda's retry may answer.
  const outcome = await withClaim(deps.claims, commandKey(job.asker.responseUrl), deps.deadlineMs, async (claim) => {
    const toAsker = (message: SlackMessage) => deps.deliver(job.asker.responseUrl, message);
    const delivered = async (
      outcome: FulfilOutcome,
      result: DeliveryResult,
      extra: Record<string, string | number> = {},
    ) => {
      await claim.hold(RESPONSE_URL_LIFETIME_MS / 1000);
      return result.ok
        ? finish(outcome, { ...extra, attempts: result.attempts })
        : finish("delivery-failed", { ...extra, reason: result.reason, attempts: result.attempts, wanted: outcome });
    };

    const { request } = job;
    if (isSubscriptionRequest(request)) {
      const answer = deps.subscriptions
        ? await manageSubscription(
            request,
            job.asker,
            deps.subscriptions,
            () => readTracker(deps.tracker, deps.deadlineMs, deps.log, logFields),
            nowMs(),
          )
        : { outcome: "not-set-up" as const, message: subscriptionsNotSetUpMessage() };
      const result = await toAsker(answer.message);
      if (result.ok && job.reply?.deleteOriginal) await toAsker({ text: "", delete_original: true });
      return delivered(answer.outcome, result);
    }

    const read = await readTracker(deps.tracker, deps.deadlineMs, deps.log, logFields);
    if (!read.ok) {
      const outcome = read.kind === "too-slow" ? "too-slow" : "tracker-problem";
      return delivered(outcome, await toAsker(problemMessage(read.problem)), {
        trackerError: read.kind,
        detail: read.detail,
      });
    }
    const { snapshot, fetchMs } = read;

    const answer = composeAnswer(request, snapshot, { askedBy: job.asker.userId, nowMs: nowMs() });
    const reply = job.reply ?? {};
    let message = answer.message;
    if (reply.inChannel) message = forChannel(message);
    if (reply.replaceOriginal) message = { ...message, replace_original: true };

    let result: DeliveryResult;
    if (answer.kind === "posted" && deps.webhookUrl && !reply.replaceOriginal) {
      const toWebhook = deps.deliverToWebhook ?? deliverToWebhook;
      result = await toWebhook(deps.webhookUrl, message);
      if (result.ok) {
        result = await toAsker(postedToTeamChannelMessage(answer.places ?? []));
      } else {
        // The team channel is unreachable (webhook revoked?): the asker still gets the trucks, here.
        deps.log.error("webhook post failed, answering in the asker's channel", {
          ...logFields,
          reason: result.reason,
        });
        result = await toAsker(message);
      }
    } else {
      result = await toAsker(message);
    }
    if (result.ok && answer.followUp) await toAsker(answer.followUp);
    // The menu or ephemeral message that was clicked has done its job once the answer is out.
    if (result.ok && reply.deleteOriginal) await toAsker({ text: "", delete_original: true });
    return delivered(answer.kind, result, { fetchMs, ...(answer.places ? { places: answer.places.length } : {}) });
  });
  return outcome === "duplicate" ? finish("duplicate") : outcome;
}

/** A Share: the same answer for the whole channel, without its own Share button. */
function forChannel(message: SlackMessage): SlackMessage {
  const blocks = message.blocks?.filter(
    (block) =>
      !(block.type === "actions" && block.elements.some((e) => "action_id" in e && e.action_id === ACTION_SHARE)),
  );
  return { ...message, response_type: "in_channel", ...(blocks ? { blocks } : {}) };
}
