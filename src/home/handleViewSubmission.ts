// A settings modal submitted. Slack waits 3 s for the answer: errors on the blocks they concern
// (`response_action: "errors"`), and nothing saved; or an empty answer, which closes the modal,
// once saved. Places and trucks are checked against today's tracker by their exact names (the
// options offered them). The Home is published again after the answer (`afterResponse`).
import { digestSavedMessage, goneReason } from "../messages/subscriptionMessages.js";
import { newDigest, newFollow, scheduleText } from "../phase2/manageSubscriptions.js";
import { truncate } from "../slack/truncate.js";
import type { ViewSubmission } from "../slack/viewInteraction.js";
import { readTime } from "../subscriptions/schedule.js";
import {
  MAX_DIGESTS_PER_CHANNEL,
  MAX_FOLLOWS_PER_USER,
  MAX_PLACES_PER_DIGEST,
  WEEKDAYS,
  type Weekday,
} from "../subscriptions/subscription.js";
import type { HomeDeps, HomeUser } from "./homeDeps.js";
import { DAILY_POST_MODAL, FIELDS, FOLLOW_TRUCK_MODAL, MY_PLACE_MODAL } from "./modals.js";
import { publishHome } from "./publishHome.js";

/** Slack's limit on one error's text. */
const MAX_ERROR_CHARS = 150;

export interface SubmissionErrors {
  response_action: "errors";
  /** block_id → what is wrong there, for people. */
  errors: Record<string, string>;
}

export interface SubmissionAnswer {
  /** The HTTP answer's JSON body; undefined: an empty 200, which closes the modal. */
  body?: SubmissionErrors;
  /** To run once the answer is sent: the Home published again with what was saved. */
  afterResponse?: () => Promise<void>;
}

export async function handleViewSubmission(submission: ViewSubmission, deps: HomeDeps): Promise<SubmissionAnswer> {
  const user = { teamId: submission.teamId, userId: submission.userId };
  let errors: Record<string, string> | undefined;
  switch (submission.callbackId) {
    case DAILY_POST_MODAL:
      errors = await saveDailyPost(submission, user, deps);
      break;
    case FOLLOW_TRUCK_MODAL:
      errors = await saveFollow(submission, user, deps);
      break;
    case MY_PLACE_MODAL:
      errors = await savePlace(submission, user, deps);
      break;
    default:
      return {};
  }
  if (errors) {
    const capped = Object.fromEntries(Object.entries(errors).map(([block, text]) => [block, cap(text)]));
    return { body: { response_action: "errors", errors: capped } };
  }
  return { afterResponse: async () => void (await publishHome(user, undefined, deps)) };
}

type Errors = Record<string, string> | undefined;

async function saveDailyPost(submission: ViewSubmission, user: HomeUser, deps: HomeDeps): Promise<Errors> {
  const [channelId] = field(submission, FIELDS.channel);
  const time = readTime(field(submission, FIELDS.time)[0] ?? "");
  const days = field(submission, FIELDS.days).filter((day): day is Weekday => WEEKDAYS.includes(day as Weekday));
  const places = [...new Set(field(submission, FIELDS.places))];
  const errors: Record<string, string> = {};
  if (!channelId) errors[FIELDS.channel.block] = "Choose the channel to post in.";
  if (!time) errors[FIELDS.time.block] = "Choose a time.";
  if (days.length === 0) errors[FIELDS.days.block] = "Choose at least one day.";
  if (places.length === 0) errors[FIELDS.places.block] = "Choose at least one place.";
  if (places.length > MAX_PLACES_PER_DIGEST)
    errors[FIELDS.places.block] = `Choose at most ${MAX_PLACES_PER_DIGEST} places.`;
  if (!channelId || !time || Object.keys(errors).length > 0) return errors;

  const today = await todaysNames(deps, "place");
  if (!today.ok) return { [FIELDS.places.block]: today.error };
  const unknown = places.filter((place) => !today.names.has(place));
  if (unknown.length > 0) return { [FIELDS.places.block]: `Not on today's tracker: ${unknown.join(", ")}.` };

  const { store, defaultTimeZone } = deps.subscriptions;
  const digest = newDigest({
    ...user,
    channelId,
    places,
    time,
    timeZone: defaultTimeZone,
    days: WEEKDAYS.filter((day) => days.includes(day)),
    createdBy: user.userId,
    nowMs: deps.now(),
  });
  const added = await store.add(digest, MAX_DIGESTS_PER_CHANNEL);
  if (added === "at-cap")
    return {
      [FIELDS.channel.block]: `That channel has ${MAX_DIGESTS_PER_CHANNEL} daily posts already: remove one first.`,
    };
  if (added === "already") return { [FIELDS.channel.block]: "That channel already has this daily post." };

  // Telling the channel is also how we learn the app may post there: if not, nothing stays saved.
  const told = await deps.postMessage(channelId, digestSavedMessage(user.userId, places, scheduleText(digest)));
  if (!told.ok && told.kind === "gone") {
    await store.remove(user.teamId, channelId, [digest.id]);
    return {
      [FIELDS.channel.block]:
        `I can't post there (${goneReason(told.error)}): invite the app with /invite, or choose another channel.`,
    };
  }
  if (!told.ok) deps.log.warn("daily post saved, not announced", { teamId: user.teamId, error: told.error });
  deps.log.info("daily post saved from a modal", { teamId: user.teamId, places: places.length });
  return undefined;
}

async function saveFollow(submission: ViewSubmission, user: HomeUser, deps: HomeDeps): Promise<Errors> {
  const [truck] = field(submission, FIELDS.truck);
  if (!truck) return { [FIELDS.truck.block]: "Choose a truck." };
  const today = await todaysNames(deps, "truck");
  if (!today.ok) return { [FIELDS.truck.block]: today.error };
  if (!today.names.has(truck))
    return { [FIELDS.truck.block]: `${truck} is not on today's tracker: follow a truck that is out today.` };
  const added = await deps.subscriptions.store.add(
    newFollow({ teamId: user.teamId, userId: user.userId, truck, settings: deps.subscriptions, nowMs: deps.now() }),
    MAX_FOLLOWS_PER_USER,
  );
  if (added === "at-cap")
    return { [FIELDS.truck.block]: `You follow ${MAX_FOLLOWS_PER_USER} trucks already: unfollow one first.` };
  if (added === "already") return { [FIELDS.truck.block]: `You follow ${truck} already.` };
  return undefined;
}

async function savePlace(submission: ViewSubmission, user: HomeUser, deps: HomeDeps): Promise<Errors> {
  const [place] = field(submission, FIELDS.place);
  if (!place) return { [FIELDS.place.block]: "Choose a place." };
  const today = await todaysNames(deps, "place");
  if (!today.ok) return { [FIELDS.place.block]: today.error };
  if (!today.names.has(place)) return { [FIELDS.place.block]: `${place} is not on today's tracker.` };
  await deps.places.set(user.teamId, user.userId, place, deps.now());
  return undefined;
}

/** Today's place or truck names, exactly as the options offered them. */
async function todaysNames(
  deps: HomeDeps,
  kind: "place" | "truck",
): Promise<{ ok: true; names: Set<string> } | { ok: false; error: string }> {
  const read = await deps.readTracker();
  if (!read.ok) return { ok: false, error: "The food truck tracker can't be read just now: try again in a minute." };
  const { listings } = read.snapshot;
  const names =
    kind === "place"
      ? listings.map((listing) => listing.place)
      : listings.flatMap((listing) => listing.trucks.map((truck) => truck.name.trim()));
  return { ok: true, names: new Set(names) };
}

function field(submission: ViewSubmission, at: { block: string; action: string }): string[] {
  return submission.values[at.block]?.[at.action] ?? [];
}

/** Errors are plain text: no escaping, only Slack's length limit. */
function cap(text: string): string {
  return truncate(text, MAX_ERROR_CHARS);
}
