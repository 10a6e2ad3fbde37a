// A command whose phase 2 crashed on every try: tell the asker plainly, once. The command's own
// claim guards it, so an asker who was answered after all (or already told) hears nothing more.
import { withClaim } from "../claims/claim.js";
import { commandKey, type ClaimStore } from "../claims/claimStore.js";
import { jobFailedMessage } from "../messages/messages.js";
import type { Logger } from "../observe/log.js";
import type { FulfilJob } from "../phase2/job.js";
import type { Deliver } from "../slack/deliverMessage.js";

/** Slack accepts posts to a response_url for 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export interface DeadLetterDeps {
  claims: ClaimStore;
  deliver: Deliver;
  log: Logger;
  deadlineMs: number;
  nowMs?: () => number;
}

export async function tellAskerItFailed(job: FulfilJob, deps: DeadLetterDeps): Promise<void> {
  const { nowMs = Date.now } = deps;
  const fields = { phase: "fulfil", requestId: job.requestId, team: job.asker.teamId, command: job.asker.command };
  if (nowMs() - job.receivedAtMs > RESPONSE_URL_LIFETIME_MS) {
    deps.log.error("fulfil failed after retries", { ...fields, outcome: "expired" });
    return;
  }
  const told = await withClaim(deps.claims, commandKey(job.asker.responseUrl), deps.deadlineMs, async (claim) => {
    const result = await deps.deliver(job.asker.responseUrl, jobFailedMessage());
    await claim.hold(RESPONSE_URL_LIFETIME_MS / 1000);
    return result;
  });
  deps.log.error("fulfil failed after retries", {
    ...fields,
    outcome: told === "duplicate" ? "already-answered" : told.ok ? "asker-told" : "delivery-failed",
    ...(told !== "duplicate" && !told.ok ? { reason: told.reason } : {}),
  });
}
