// Phase 2's answer to `daily`, `follow` and their kin: save or list through the store, then one
// message to the asker (and the clicked message removed once that is out).
import { describeFailure } from "../observe/describeFailure.js";
import { subscriptionsNotSetUpMessage, subscriptionStoreFailedMessage } from "../messages/subscriptionMessages.js";
import type { SubscriptionRequest } from "./job.js";
import { manageSubscription, type SubscriptionAnswer } from "./manageSubscriptions.js";
import { readTracker } from "./readTracker.js";
import type { FulfilOutcome } from "./fulfilDeps.js";
import type { FulfilWork } from "./fulfilWork.js";

export interface SubscriptionJob extends FulfilWork {
  request: SubscriptionRequest;
}

export async function answerSubscriptionRequest(work: SubscriptionJob): Promise<FulfilOutcome> {
  const { job, replies } = work;
  const answer = await subscriptionAnswer(work);
  const deleteOriginal = job.reply?.deleteOriginal === true;
  const result = await replies.toAsker(answer.message, deleteOriginal ? 1 : 0);
  await replies.answered();
  if (result.ok && deleteOriginal) await replies.deleteOriginal();
  return replies.settle(answer.outcome, result);
}

async function subscriptionAnswer(work: SubscriptionJob): Promise<SubscriptionAnswer | NotSavedAnswer> {
  const { job, request, deps, metrics, logFields } = work;
  if (!deps.subscriptions) {
    return {
      outcome: "not-set-up",
      message: subscriptionsNotSetUpMessage(deps.whereToSetBotToken ?? "set `SLACK_BOT_TOKEN`"),
    };
  }
  return manageSubscription({
    request,
    asker: job.asker,
    settings: deps.subscriptions,
    readTracker: () => readTracker(deps.tracker, { deadlineMs: deps.deadlineMs, log: deps.log, logFields, metrics }),
    nowMs: work.nowMs(),
  }).catch((error: unknown) => {
    // A store that failed or stayed busy past its budget: the asker still gets one answer.
    deps.log.error("subscriptions store failed", { ...logFields, ...describeFailure(error) });
    const changing = !["daily-list", "following"].includes(request.kind);
    return { outcome: "store-failed" as const, message: subscriptionStoreFailedMessage(changing) };
  });
}

type NotSavedAnswer = { outcome: "not-set-up" | "store-failed"; message: SubscriptionAnswer["message"] };
