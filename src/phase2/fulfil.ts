// Phase 2: read the tracker, find the places asked for, and post exactly one final answer to the
// asker — the trucks, or a clear explanation. Every path of its own ends in a message or a log;
// only a crash (a bug) throws, after letting go of the command's claim so a retry may answer.
// Every post of a job draws on one DeliveryBudget that ends before the job's claim lapses.
import { noMetrics } from "../observe/metrics.js";
import { createDeliveryBudget } from "../slack/deliveryBudget.js";
import { jobBudgetMs, withClaim } from "../claims/claim.js";
import { commandKey } from "../claims/claimStore.js";
import { isSubscriptionRequest, type FulfilJob } from "./job.js";
import { answerLookup } from "./answerLookup.js";
import { answerSubscriptionRequest } from "./answerSubscriptionRequest.js";
import type { FulfilDeps, FulfilOutcome } from "./fulfilDeps.js";
import { startReport } from "./fulfilReport.js";
import { createJobReplies } from "./jobReplies.js";

export type { FulfilDeps, FulfilOutcome } from "./fulfilDeps.js";

/** Slack accepts posts to a response_url for 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export async function fulfil(job: FulfilJob, deps: FulfilDeps): Promise<FulfilOutcome> {
  const nowMs = deps.nowMs ?? Date.now;
  const metrics = deps.metrics ?? noMetrics;
  const { logFields, finish } = startReport(job, deps.log, metrics);

  if (nowMs() - job.receivedAtMs > RESPONSE_URL_LIFETIME_MS) return finish("expired");
  // Held for the response_url's whole life once answered (or undeliverable, which a retry would
  // not change); a crash lets go, so Lambda's retry may answer.
  const outcome = await withClaim(deps.claims, commandKey(job.asker.responseUrl), deps.deadlineMs, async (claim) => {
    // From the claim on: the tracker's deadline and then delivery, so the last post ends well
    // before the claim lapses (claims/claim.ts holds the relation).
    const replies = createJobReplies({
      responseUrl: job.asker.responseUrl,
      deliver: deps.deliver,
      budget: createDeliveryBudget({ ms: deps.jobBudgetMs ?? jobBudgetMs(deps.deadlineMs), nowMs }),
      metrics,
      answered: () => claim.hold(RESPONSE_URL_LIFETIME_MS / 1000),
      finish,
    });
    const work = { job, deps, metrics, nowMs, logFields, replies };
    const { request } = job;
    return isSubscriptionRequest(request)
      ? answerSubscriptionRequest({ ...work, request })
      : answerLookup({ ...work, request });
  });
  return outcome === "duplicate" ? finish("duplicate") : outcome;
}
