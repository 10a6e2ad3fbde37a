// A tick runs every subscription due at one minute: the channel digests (the trucks at their
// places, posted to the channel) and the follows (a direct message to the follower when the truck
// is listed, nothing when it is not). The tracker is read once, and only when something is due.
// Each subscription's run is claimed per local date, so overlapping, repeated or retried ticks
// post it at most once that day. Slack refusing a channel or user for good stops that
// subscription and tells whoever set it up; a revoked or wrong token is logged as an error (and
// counted, for the AWS alarm) and leaves the run unclaimed and recorded: later ticks try it again
// (refusedRuns.ts says how often) until it posts or its local day is over.
// A tick also looks back over the last CATCH_UP_MINUTES: a minute missed (the process down or
// busy) or a run that failed for now is posted late, the same local day, by a later tick; the
// claims keep what already posted to one post. A run that is still unposted when it falls out of
// that window (unless refused for its token), or whose local day is over, is given up, with a log
// line saying why.
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import { describeFailure } from "../observe/describeFailure.js";
import { METRICS } from "../observe/metricNames.js";
import { withClaim } from "../claims/claim.js";
import { subscriptionRunKey, type ClaimStore } from "../claims/claimStore.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { PostResult } from "../slack/webApi.js";
import { digestProblemMessage, noTrucksMessage } from "../messages/messages.js";
import { goneReason, subscriptionStoppedMessage, truckOutMessage } from "../messages/subscriptionMessages.js";
import { trucksMessage } from "../messages/truckList.js";
import { normalizeForMatch } from "../trucks/matchPlaces.js";
import type { TrackerSnapshot } from "../trucks/tracker.js";
import type { PlaceListing } from "../trucks/types.js";
import { limit, type PostToTeam } from "./pacedPosts.js";
import { refusedRecord, refusedRunsDue, runDay, withoutRefused } from "./refusedRuns.js";
import type { RefusedRunStore } from "./refusedRunStore.js";
import { isDue, localClock } from "./schedule.js";
import type { SubscriptionStore } from "./store.js";
import { ownerOf, type ChannelDigest, type Subscription } from "./subscription.js";

/** What a tick needs of a tracker read: phase 2's readTracker gives exactly this. */
export type TrackerReading =
  { ok: true; snapshot: TrackerSnapshot } | { ok: false; kind: string; problem: string; detail: string };

export interface TickDeps {
  store: SubscriptionStore;
  claims: ClaimStore;
  /** The runs Slack refused for their token, kept for later ticks to retry (refusedRuns.ts). */
  refusedRuns: RefusedRunStore;
  /** Reads the tracker within the deadline; called at most once per tick. */
  readTracker: () => Promise<TrackerReading>;
  /** Posts as the app in the subscription's workspace, paced per channel (pacedPosts.ts). */
  post: PostToTeam;
  /** Runs under way at once (claims, store, posts). */
  concurrency?: number;
  log: Logger;
  metrics: Metrics;
  /** An attempt's claim lasts this plus a grace (claims/claim.ts). */
  deadlineMs: number;
}

export type RunOutcome =
  "posted" | "not-out" | "duplicate" | "stopped" | "auth-failed" | "failed" | "tracker-problem" | "given-up";

/** One subscription's run: the minute it was due (a late run's is before the tick's). */
export interface DueRun {
  subscription: Subscription;
  /** ISO-8601. */
  dueAt: string;
  /** A run Slack refused for its token earlier, retried (refusedRuns.ts): not bound by the catch-up window. */
  refused?: boolean;
}

/** How late a run is still worth posting: a lunch post more than half an hour late is noise. */
export const CATCH_UP_MINUTES = 30;

export interface TickResult {
  /** The minute run, ISO-8601. */
  minute: string;
  due: number;
  outcomes: Partial<Record<RunOutcome, number>>;
}

/** A run that posted (or had nothing to post) stays claimed past the end of its local day. */
const DONE_CLAIM_SECONDS = 36 * 60 * 60;

/** The subscriptions due at `at`'s minute, each in its own time zone: what a tick will post. */
export async function dueSubscriptions(
  at: Date,
  store: SubscriptionStore,
  timeZones?: readonly string[],
): Promise<Subscription[]> {
  const minute = minuteStart(at);
  const due: Subscription[] = [];
  for (const timeZone of timeZones ?? (await store.timeZones())) {
    const { time } = localClock(minute, timeZone);
    for (const subscription of await store.at(timeZone, time)) if (isDue(subscription, minute)) due.push(subscription);
  }
  return due;
}

/**
 * The runs of the minutes before `at` a tick catches up: those due in the last CATCH_UP_MINUTES
 * (posted late unless already claimed), and those just out of it (given up unless claimed).
 */
export async function earlierRuns(
  at: Date,
  store: SubscriptionStore,
  catchUpMinutes = CATCH_UP_MINUTES,
): Promise<DueRun[]> {
  const minute = minuteStart(at).getTime();
  const runs: DueRun[] = [];
  const timeZones = await store.timeZones();
  for (let back = 1; back <= catchUpMinutes + 1; back++) {
    const earlier = new Date(minute - back * 60_000);
    for (const subscription of await dueSubscriptions(earlier, store, timeZones))
      runs.push({ subscription, dueAt: earlier.toISOString() });
  }
  return runs;
}

/** Posts each run (dueSubscriptions' answer for `at`, and earlierRuns'), each claimed for its local day. */
export async function runSubscriptions(
  due: readonly (Subscription | DueRun)[],
  at: Date,
  deps: TickDeps,
  catchUpMinutes = CATCH_UP_MINUTES,
): Promise<TickResult> {
  const minute = minuteStart(at);
  const runs = due.map((run) => ("subscription" in run ? run : { subscription: run, dueAt: minute.toISOString() }));
  const result: TickResult = { minute: minute.toISOString(), due: runs.length, outcomes: {} };
  if (runs.length === 0) return result;

  let reading: Promise<TrackerReading> | undefined;
  const read = () => (reading ??= deps.readTracker());
  const running = limit(deps.concurrency ?? 200);
  const lateBy = (run: DueRun) => Math.round((minute.getTime() - Date.parse(run.dueAt)) / 60_000);
  const giveUpOf = (run: DueRun) => givingUp(run, minute, lateBy(run), catchUpMinutes);
  /** Workspaces whose token Slack refused in this tick. */
  const refusedTeams = new Set<string>();
  const runIt = async (run: DueRun): Promise<void> => {
    const late = lateBy(run);
    const outcome = await runOne(run, late, giveUpOf(run), read, deps).catch((error: Error) => {
      // One subscription's crash (a store failing mid-way) must not cost the others their post.
      deps.log.error("subscription crashed", { ...fieldsOf(run.subscription), ...describeFailure(error) });
      return "failed" as const;
    });
    if (outcome === "auth-failed") refusedTeams.add(run.subscription.teamId);
    await recordRefusal(run, outcome, minute.getTime(), deps);
    // A late run found posted is just catching up finding nothing to do: not an outcome to report.
    if (late === 0 || outcome !== "duplicate") result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
  };
  await Promise.all(runs.filter((run) => !run.refused).map((run) => running(() => runIt(run))));
  // Runs refused earlier: a workspace's one at a time, none once its token is refused again in this
  // tick (a token still wrong is asked once), except those given up, which ask Slack nothing.
  const retries = new Map<string, DueRun[]>();
  for (const run of runs.filter((run) => run.refused))
    retries.set(run.subscription.teamId, [...(retries.get(run.subscription.teamId) ?? []), run]);
  await Promise.all(
    [...retries].map(async ([teamId, theirs]) => {
      for (const run of theirs)
        if (!refusedTeams.has(teamId) || giveUpOf(run) !== undefined) await running(() => runIt(run));
    }),
  );
  deps.log.info("tick", { phase: "tick", minute: result.minute, due: runs.length, ...result.outcomes });
  return result;
}

/** Finds and posts what is due at `at`, catches up the minutes before it, and retries the runs refused for their token. */
export async function runTick(at: Date, deps: TickDeps, catchUpMinutes = CATCH_UP_MINUTES): Promise<TickResult> {
  const refused = await deps.refusedRuns.list();
  const runs = [
    ...(await dueSubscriptions(at, deps.store)),
    ...withoutRefused(await earlierRuns(at, deps.store, catchUpMinutes), refused),
    ...(await refusedRunsDue(at, refused, { store: deps.store, refused: deps.refusedRuns }, catchUpMinutes)),
  ];
  return runSubscriptions(runs, at, deps, catchUpMinutes);
}

/**
 * Keeps a run refused for its token for later ticks (a run retried that fails for now too, to pace
 * it), and lets go of a retried run that is done. A store failing here costs the run its retries,
 * not its outcome.
 */
async function recordRefusal(run: DueRun, outcome: RunOutcome, minuteMs: number, deps: TickDeps): Promise<void> {
  try {
    if (outcome === "auth-failed" || (run.refused && outcome === "failed"))
      await deps.refusedRuns.save(refusedRecord(run, minuteMs));
    // Posted, nothing to post, stopped, given up, or posted by another tick (duplicate): done.
    else if (run.refused) await deps.refusedRuns.delete(run.subscription.id, runDay(run));
  } catch (error) {
    deps.log.error("refused run not recorded", { ...fieldsOf(run.subscription), ...describeFailure(error) });
  }
}

/** Why a late run is no longer worth posting, if it is not. */
function givingUp(run: DueRun, minute: Date, late: number, catchUpMinutes: number): string | undefined {
  // A run refused for its token waits for the token all its day; the catch-up window is for the others.
  if (late > catchUpMinutes && !run.refused) return `more than ${catchUpMinutes} minutes late`;
  const { timeZone } = run.subscription;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an on-time run (late 0) is due in the tick's minute, so on its date
  if (late > 0 && localClock(new Date(run.dueAt), timeZone).date !== localClock(minute, timeZone).date)
    return run.refused ? "its day is over, and Slack refused the token until then" : "its day is over";
  return undefined;
}

function minuteStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

async function runOne(
  run: DueRun,
  late: number,
  giveUp: string | undefined,
  read: () => Promise<TrackerReading>,
  deps: TickDeps,
): Promise<RunOutcome> {
  const { subscription } = run;
  const key = subscriptionRunKey(subscription.id, runDay(run));
  const fields = {
    ...fieldsOf(subscription),
    ...(late > 0 ? { dueAt: run.dueAt, minutesLate: late } : {}),
    ...(run.refused ? { tokenRefusedBefore: true } : {}),
  };
  let reason: string | undefined = giveUp;
  const outcome = await withClaim(deps.claims, key, deps.deadlineMs, async (claim) => {
    if (giveUp !== undefined) {
      // Never posted, and too late now: claimed for the day so it is said once.
      await claim.hold(DONE_CLAIM_SECONDS);
      return "given-up";
    }
    const reading = await read();
    const planned = plan(subscription, reading);
    if (planned === undefined) {
      await claim.hold(DONE_CLAIM_SECONDS);
      return reading.ok ? "not-out" : "tracker-problem";
    }
    const posted = await deps.post(subscription.teamId, planned.channel, planned.message);
    if (!posted.ok) reason = posted.error || posted.kind;
    if (posted.ok) {
      await claim.hold(DONE_CLAIM_SECONDS);
      return reading.ok ? "posted" : "tracker-problem";
    }
    return failed(subscription, posted, deps, async (done) =>
      done ? claim.hold(DONE_CLAIM_SECONDS) : claim.release(),
    );
  });
  if (outcome === "duplicate") {
    // A late run found already posted is the usual case of catching up: not worth a line.
    if (late === 0) deps.log.info("subscription", { ...fields, outcome });
    return outcome;
  }
  const level = outcome === "failed" || outcome === "auth-failed" ? "error" : outcome === "given-up" ? "warn" : "info";
  deps.log[level]("subscription", { ...fields, outcome, ...(level === "info" ? {} : { reason }) });
  return outcome;
}

/** Where to post and what, or nothing (a follow whose truck is not out; a follow when the tracker failed). */
function plan(
  subscription: Subscription,
  reading: TrackerReading,
): { channel: string; message: SlackMessage } | undefined {
  if (subscription.kind === "digest")
    return { channel: subscription.channelId, message: digestMessage(subscription, reading) };
  if (!reading.ok) return undefined;
  const places = placesOfTruck(subscription.truck, reading.snapshot.listings);
  return places.length === 0
    ? undefined
    : { channel: subscription.userId, message: truckOutMessage(subscription.truck, places) };
}

function digestMessage(digest: ChannelDigest, reading: TrackerReading): SlackMessage {
  if (!reading.ok) return digestProblemMessage(reading.problem, digest.places);
  const { snapshot } = reading;
  const chosen = snapshot.listings.filter((listing) => digest.places.includes(listing.place));
  if (chosen.every((listing) => listing.trucks.length === 0)) return noTrucksMessage(digest.places, snapshot.listings);
  return trucksMessage({
    listings: chosen,
    sourceUrl: snapshot.sourceUrl,
    fetchedAt: snapshot.fetchedAt,
    refreshable: true,
    timeZone: digest.timeZone,
    ...(snapshot.stale ? { staleSince: snapshot.fetchedAt } : {}),
  });
}

/** Where a followed truck is today: its name compared as place names are (case, accents, punctuation). */
export function placesOfTruck(truck: string, listings: PlaceListing[]): string[] {
  const wanted = normalizeForMatch(truck);
  return listings
    .filter((listing) => listing.trucks.some((truck) => normalizeForMatch(truck.name) === wanted))
    .map((listing) => listing.place);
}

async function failed(
  subscription: Subscription,
  posted: Extract<PostResult, { ok: false }>,
  deps: TickDeps,
  settle: (done: boolean) => Promise<void>,
): Promise<RunOutcome> {
  // Every failure's line says why: Slack's error, or the transport's (Slack unreachable).
  const fields = { ...fieldsOf(subscription), slackError: posted.error, reason: posted.error || posted.kind };
  if (posted.kind === "auth") {
    deps.log.error(
      "Slack refused the bot token (or there is none for this workspace): later ticks retry it until its day is over",
      fields,
    );
    deps.metrics.count(METRICS.slackAuthErrors);
    await settle(false);
    return "auth-failed";
  }
  if (posted.kind === "failed") {
    // Rate-limited past our bound, Slack down: a retry of this tick (Lambda's) may post.
    await settle(false);
    return "failed";
  }
  // Gone for good: stop it, so every later tick does not fail the same way, and tell its owner.
  await deps.store.remove(subscription.teamId, ownerOf(subscription), [subscription.id]);
  // Stryker disable next-line BooleanLiteral: it is removed above, so no later tick finds it, held or not
  await settle(true);
  deps.log.warn("subscription stopped: Slack refused its destination", fields);
  if (subscription.kind === "digest") {
    const told = await deps.post(
      subscription.teamId,
      subscription.createdBy,
      subscriptionStoppedMessage(subscription.places, subscription.channelId, goneReason(posted.error)),
    );
    if (!told.ok)
      deps.log.warn("could not tell the owner of a stopped subscription", { ...fields, slackError: told.error });
  }
  return "stopped";
}

function fieldsOf(subscription: Subscription) {
  return {
    phase: "tick",
    subscription: subscription.id,
    kind: subscription.kind,
    team: subscription.teamId,
  };
}
