// Phase 2: read the tracker, find the places asked for, and post exactly one final answer to the
// asker — the trucks, or a clear explanation. It never throws: every path ends in a message or a log.
import type { Logger } from "../log.js";
import type { Deliver, DeliveryResult } from "../slack/deliverMessage.js";
import { escapeMrkdwn } from "../slack/escape.js";
import type { SlackMessage } from "../slack/message.js";
import {
  noTrucksMessage,
  placeListMessage,
  problemMessage,
  trucksMessage,
  unknownPlaceMessage,
} from "../slack/messages.js";
import { matchPlaces } from "../trucks/matchPlaces.js";
import { TrackerError } from "../trucks/trackerError.js";
import type { TrackerSnapshot, TrackerSource } from "../trucks/trackerSource.js";
import type { FulfilJob } from "./handOff.js";
import { commandKey, type IdempotencyStore } from "./idempotency.js";
import { trackerProblemText } from "./trackerProblem.js";

/** Slack accepts posts to a response_url for 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export interface FulfilDeps {
  tracker: TrackerSource;
  deliver: Deliver;
  idempotency: IdempotencyStore;
  log: Logger;
  /** Past this, the user is told the tracker is too slow instead of waiting on. */
  deadlineMs: number;
  /** When set, truck lists go to this incoming webhook (a fixed channel) instead of the asker's channel. */
  webhookUrl?: string;
  nowMs?: () => number;
}

export type FulfilOutcome =
  | "posted"
  | "listed"
  | "unknown-place"
  | "no-trucks"
  | "tracker-problem"
  | "too-slow"
  | "duplicate"
  | "expired"
  | "delivery-failed";

export async function fulfil(job: FulfilJob, deps: FulfilDeps): Promise<FulfilOutcome> {
  const nowMs = deps.nowMs ?? Date.now;
  const started = performance.now();
  const place = job.request.kind === "places" ? job.request.query : job.request.kind;
  const logFields = { phase: "fulfil", requestId: job.requestId, team: job.command.teamId, command: job.command.command, place };
  const finish = (outcome: FulfilOutcome, extra: Record<string, string | number> = {}) => {
    const level = outcome === "delivery-failed" || outcome === "expired" ? "error" : "info";
    deps.log[level]("fulfilled", { ...logFields, outcome, ms: Math.round(performance.now() - started), ...extra });
    return outcome;
  };

  if (nowMs() - job.receivedAtMs > RESPONSE_URL_LIFETIME_MS) return finish("expired");
  if (!(await deps.idempotency.claim(commandKey(job.command.responseUrl), RESPONSE_URL_LIFETIME_MS / 1000))) {
    return finish("duplicate");
  }

  const toAsker = (message: SlackMessage) => deps.deliver(job.command.responseUrl, message);
  const delivered = (outcome: FulfilOutcome, result: DeliveryResult, extra: Record<string, string | number> = {}) =>
    result.ok ? finish(outcome, { ...extra, attempts: result.attempts }) : finish("delivery-failed", { ...extra, reason: result.reason, attempts: result.attempts, wanted: outcome });

  let snapshot: TrackerSnapshot;
  const fetchStarted = performance.now();
  try {
    snapshot = await withDeadline(deps.tracker.get(), deps.deadlineMs);
  } catch (error) {
    const kind = error instanceof TrackerError ? error.kind : "unreachable";
    const text = trackerProblemText(kind, trackerHost(deps));
    if (kind === "layout-changed") deps.log.error("tracker layout changed", { ...logFields, reason: (error as Error).message });
    return delivered(kind === "too-slow" ? "too-slow" : "tracker-problem", await toAsker(problemMessage(text)), { trackerError: kind, detail: (error as Error).message });
  }
  const fetchMs = Math.round(performance.now() - fetchStarted);
  if (snapshot.stale) {
    deps.log.warn("tracker failed, serving the last good page", { ...logFields, trackerError: snapshot.stale.error.kind, detail: snapshot.stale.error.message });
  }

  const { listings } = snapshot;
  if (job.request.kind !== "places") {
    return delivered("listed", await toAsker(placeListMessage(listings, snapshot.sourceUrl, snapshot.fetchedAt)), { fetchMs });
  }

  const matched = matchPlaces(job.request.query, listings.map((listing) => listing.place));
  const withTrucks = listings.filter((listing) => listing.trucks.length > 0);
  if (matched.places.length === 0) {
    return delivered("unknown-place", await toAsker(unknownPlaceMessage(matched.unmatched, withTrucks.map((l) => l.place))), { fetchMs });
  }
  const chosen = listings.filter((listing) => matched.places.includes(listing.place));
  if (chosen.every((listing) => listing.trucks.length === 0)) {
    return delivered("no-trucks", await toAsker(noTrucksMessage(matched.places, withTrucks)), { fetchMs });
  }

  const message = trucksMessage({
    listings: chosen,
    sourceUrl: snapshot.sourceUrl,
    fetchedAt: snapshot.fetchedAt,
    askedBy: job.command.userId,
    ...(snapshot.stale ? { staleSince: snapshot.fetchedAt } : {}),
    nowMs: nowMs(),
  });
  let result: DeliveryResult;
  if (deps.webhookUrl) {
    const { response_type: _channelOnly, ...forWebhook } = message;
    result = await deps.deliver(deps.webhookUrl, forWebhook);
    if (result.ok) {
      await toAsker({ response_type: "ephemeral", text: `Posted the food trucks at ${escapeMrkdwn(chosen.map((l) => l.place).join(", "))} to the team's food-truck channel.` });
    }
  } else {
    result = await toAsker(message);
  }
  // Places the user named that don't exist still deserve a "did you mean".
  if (result.ok && matched.unmatched.length > 0) {
    await toAsker(unknownPlaceMessage(matched.unmatched, withTrucks.map((l) => l.place)));
  }
  return delivered("posted", result, { fetchMs, places: chosen.length });
}

function trackerHost(deps: FulfilDeps): string {
  const url = new URL(deps.tracker.sourceUrl);
  return url.protocol === "file:" ? "a local file" : url.host;
}

function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TrackerError("too-slow", `no answer within ${deadlineMs} ms`)), deadlineMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
