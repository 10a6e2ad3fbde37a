// Phase 2's answer to a look-up of today's trucks: read the tracker, compose the answer, post it to
// the team channel's webhook (if set) or the asker, then its companions (a follow-up, the clicked
// message's removal).
import { postedToTeamChannelMessage, problemMessage } from "../messages/messages.js";
import type { DeliveryResult } from "../slack/deliverMessage.js";
import { composeAnswer } from "./composeAnswer.js";
import type { LookupRequest } from "./job.js";
import { readTracker } from "./readTracker.js";
import { shapeReply } from "./shapeReply.js";
import { teamWebhookUrl, toWebhook } from "./teamWebhook.js";
import type { FulfilOutcome } from "./fulfilDeps.js";
import type { FulfilWork } from "./fulfilWork.js";

export interface LookupJob extends FulfilWork {
  request: LookupRequest;
}

export async function answerLookup(work: LookupJob): Promise<FulfilOutcome> {
  const { job, request, deps, logFields, replies } = work;
  const read = await readTracker(deps.tracker, {
    deadlineMs: deps.deadlineMs,
    log: deps.log,
    logFields,
    metrics: work.metrics,
  });
  if (!read.ok) {
    const outcome = read.kind === "too-slow" ? "too-slow" : "tracker-problem";
    const result = await replies.toAsker(problemMessage(read.problem));
    await replies.answered();
    return replies.settle(outcome, result, { trackerError: read.kind, detail: read.detail });
  }
  const { snapshot, fetchMs } = read;

  const answer = composeAnswer(request, snapshot, { askedBy: job.asker.userId, nowMs: work.nowMs() });
  const reply = job.reply ?? {};
  const message = shapeReply(answer.message, reply);
  // The answer may use the response_url's POSTs only down to what its companions need, one each.
  const companions = (answer.followUp ? 1 : 0) + (reply.deleteOriginal ? 1 : 0);

  let result: DeliveryResult;
  const webhookUrl =
    answer.kind === "posted" && !reply.replaceOriginal ? await teamWebhookUrl(deps, logFields) : undefined;
  if (webhookUrl) {
    // Half of what is left at most: if the team channel fails, the asker must still get the trucks.
    result = await replies.post({
      deliver: deps.deliverToWebhook ?? toWebhook,
      url: webhookUrl,
      message,
      spareMs: replies.budget.remainingMs() / 2,
    });
    if (result.ok) {
      result = await replies.toAsker(postedToTeamChannelMessage(answer.places ?? []), companions);
    } else {
      // The team channel is unreachable (webhook revoked?): the asker still gets the trucks, here.
      deps.log.error("webhook post failed, answering in the asker's channel", { ...logFields, reason: result.reason });
      result = await replies.toAsker(message, companions);
    }
  } else {
    result = await replies.toAsker(message, companions);
  }
  // Before the companions, so a crash or timeout while posting them cannot bring a second answer.
  await replies.answered();
  if (result.ok && answer.followUp) {
    const followUp = await replies.toAsker(answer.followUp, reply.deleteOriginal ? 1 : 0);
    if (!followUp.ok) deps.log.warn("follow-up not delivered", { ...logFields, reason: followUp.reason });
  }
  // The menu or ephemeral message that was clicked has done its job once the answer is out.
  if (result.ok && reply.deleteOriginal) await replies.deleteOriginal();
  return replies.settle(answer.kind, result, { fetchMs, ...(answer.places ? { places: answer.places.length } : {}) });
}
