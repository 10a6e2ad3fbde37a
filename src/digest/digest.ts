// Phase 2 for a scheduled digest: read the tracker, match the digest's places, and post one message
// to its incoming webhook — the trucks, "no trucks … yet today", or the tracker's problem, so the
// channel always hears something. Only a webhook that cannot be had (no URL, SSM failing) throws:
// that is a broken deployment, and on Lambda a throw means retries and an alarm. A scheduled run
// (one with a scheduledTime) is claimed first, so a schedule delivered twice posts once.
import { ConfigError } from "../config/env.js";
import type { Logger } from "../observe/log.js";
import { deliverToWebhook, type DeliveryResult } from "../slack/deliverMessage.js";
import type { SlackMessage } from "../slack/blockKit.js";
import { digestProblemMessage, noTrucksMessage } from "../messages/messages.js";
import { trucksMessage } from "../messages/truckList.js";
import { matchPlaces } from "../trucks/matchPlaces.js";
import type { Tracker } from "../trucks/tracker.js";
import type { DigestJob } from "./digestJob.js";
import { isWebhookUrl } from "../slack/responseUrlPolicy.js";
import { withClaim, type Claim } from "../claims/claim.js";
import { digestKey, type ClaimStore } from "../claims/claimStore.js";
import { readTracker } from "../phase2/readTracker.js";

export type DigestOutcome = "posted" | "no-trucks" | "tracker-problem" | "too-slow" | "delivery-failed" | "duplicate";

/** Once posted, a run stays claimed this long: past any redelivery by Scheduler or Lambda's retries. */
const POSTED_CLAIM_SECONDS = 24 * 60 * 60;

export interface DigestResult {
  outcome: DigestOutcome;
  /** The tracker's places the digest covered (empty when none matched or the tracker failed). */
  places: string[];
  /** Why: the delivery's failure, or the tracker's — for logs and the command line, never a URL. */
  reason?: string;
}

/** Posts `message` to `webhookUrl`. */
export type WebhookDeliver = (webhookUrl: string, message: SlackMessage) => Promise<DeliveryResult>;

export interface DigestDeps {
  tracker: Tracker;
  log: Logger;
  /** Past this, the channel is told the tracker is too slow. */
  deadlineMs: number;
  /** The job's webhook URL: its own, or the secret its webhookSecret names, read where this runtime keeps secrets. */
  webhookUrlOf: (job: DigestJob) => Promise<string>;
  deliver?: WebhookDeliver;
  /** Claims a scheduled run (a job with scheduledTime) before posting; without it, every run posts. */
  claims?: ClaimStore;
  nowMs?: () => number;
}

export async function digest(job: DigestJob, deps: DigestDeps): Promise<DigestResult> {
  const { nowMs = Date.now, deliver = deliverToWebhook } = deps;
  const started = performance.now();
  const logFields = {
    phase: "digest",
    digest: job.name ?? "unnamed",
    place: job.places.join(", "),
    ...(job.scheduledTime !== undefined ? { scheduledTime: job.scheduledTime } : {}),
  };

  // First, so a digest with nowhere to go fails before any fetch.
  const webhookUrl = (await deps.webhookUrlOf(job)).trim();
  if (!isWebhookUrl(webhookUrl)) {
    const from = job.webhookSecret ? `the secret ${job.webhookSecret}` : "webhookUrl";
    throw new ConfigError(`the digest's webhook (${from}) is not an https URL`);
  }

  // Claimed for as long as this attempt can take, and for a day once posted: a second delivery of
  // the same run finds it taken and stays silent, while Lambda's retry of an attempt that crashed
  // or could not post (claim let go) posts. Unscheduled runs (the command line) are not claimed.
  // An unnamed digest is keyed by its places (a name never starts with "[").
  if (job.scheduledTime !== undefined && deps.claims) {
    const key = digestKey(job.name ?? JSON.stringify(job.places), job.scheduledTime);
    const result = await withClaim(deps.claims, key, deps.deadlineMs, (claim) => post(claim));
    if (result !== "duplicate") return result;
    deps.log.info("digest", { ...logFields, outcome: "duplicate", ms: Math.round(performance.now() - started) });
    return { outcome: "duplicate", places: [] };
  }
  return post(undefined);

  async function post(claim: Claim | undefined): Promise<DigestResult> {
    const finish = async (
      wanted: DigestOutcome,
      message: SlackMessage,
      places: string[],
      extra: Record<string, string | number> = {},
    ): Promise<DigestResult> => {
      const result = await deliver(webhookUrl, message);
      // Posted: held for a day. Not posted: let go at once, as the worker throws and Lambda's retry,
      // a minute or more later, must be free to post.
      if (result.ok) await claim?.hold(POSTED_CLAIM_SECONDS);
      else await claim?.release();
      const outcome = result.ok ? wanted : "delivery-failed";
      const reason = result.ok ? (extra.detail as string | undefined) : result.reason;
      deps.log[result.ok ? "info" : "error"]("digest", {
        ...logFields,
        outcome,
        ...extra,
        ...(result.ok ? {} : { reason: result.reason, wanted }),
        places: places.length,
        attempts: result.attempts,
        ms: Math.round(performance.now() - started),
      });
      return { outcome, places, ...(reason !== undefined ? { reason } : {}) };
    };

    const read = await readTracker(deps.tracker, { deadlineMs: deps.deadlineMs, log: deps.log, logFields });
    if (!read.ok) {
      const outcome = read.kind === "too-slow" ? "too-slow" : "tracker-problem";
      return finish(outcome, digestProblemMessage(read.problem, job.places), [], {
        trackerError: read.kind,
        detail: read.detail,
      });
    }
    const { snapshot, fetchMs } = read;

    const { places, unmatched } = matchDigestPlaces(
      job.places,
      snapshot.listings.map((listing) => listing.place),
    );
    if (unmatched.length > 0) {
      // Admin-typed names, not secrets: worth a line, since the digest will quietly leave them out.
      deps.log.warn("digest places not on the tracker today", { ...logFields, unmatched: unmatched.join(", ") });
    }
    const chosen = snapshot.listings.filter((listing) => places.includes(listing.place));
    if (chosen.every((listing) => listing.trucks.length === 0)) {
      // Named as the tracker spells them where it knows them, as configured where it does not.
      const named = chosen.length > 0 ? chosen.map((listing) => listing.place) : job.places;
      return finish("no-trucks", noTrucksMessage(named, snapshot.listings), places, { fetchMs });
    }
    const message = trucksMessage({
      listings: chosen,
      sourceUrl: snapshot.sourceUrl,
      fetchedAt: snapshot.fetchedAt,
      // No askedBy: the footer says "daily digest".
      refreshable: true,
      ...(snapshot.stale ? { staleSince: snapshot.fetchedAt } : {}),
      nowMs: nowMs(),
      ...(job.timeZone ? { timeZone: job.timeZone } : {}),
    });
    return finish("posted", message, places, { fetchMs });
  }
}

/** Each configured entry matched on its own (an entry may itself hold several, "farragut, franklin"); page order kept. */
function matchDigestPlaces(terms: string[], placeNames: string[]): { places: string[]; unmatched: string[] } {
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const term of terms) {
    const matched = matchPlaces(term, placeNames);
    for (const place of matched.places) found.add(place);
    unmatched.push(...matched.unmatched.map((u) => u.term));
  }
  return { places: placeNames.filter((name) => found.has(name)), unmatched };
}
