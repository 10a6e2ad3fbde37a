// What slacktrux says about subscriptions set up from Slack: channel digests (`/foodtrucks daily …`)
// and truck follows (`/foodtrucks follow …`), their confirmations, lists, limits and problems, and
// the direct message a follower gets. Confirmations of a digest go to the channel and name who set
// it up; everything about follows goes only to the follower.
import type { KnownBlock } from "@slack/types";
import { context, ephemeralLines, fallback, section, type SlackMessage } from "../slack/blockKit.js";
import { escapeMrkdwn } from "../slack/escape.js";
import { truncate } from "../slack/truncate.js";
import { removeSubscriptionButton } from "./actions.js";
import { andList, MAX_NAME_CHARS, mention, orList, placeName, plural } from "./format.js";

/** A subscription as the messages show it. */
export interface ScheduleText {
  id: string;
  time: string;
  timeZone: string;
  /** "weekdays", "every day", "Mon, Wed, Fri"… */
  days: string;
}

/** "11:30 America/New_York, weekdays" */
export function when(schedule: ScheduleText): string {
  return `${schedule.time} ${escapeMrkdwn(schedule.timeZone)}, ${schedule.days}`;
}

function typed(text: string): string {
  return escapeMrkdwn(truncate(text.trim(), MAX_NAME_CHARS));
}

function inChannel(text: string): SlackMessage {
  return { response_type: "in_channel", text: fallback(text), blocks: [section(text)] };
}

function usage(cmd: string): string[] {
  return [
    `\`${cmd} daily 11:30 farragut, franklin\` — post those places' trucks here every weekday at 11:30`,
    `\`${cmd} daily 12:00 mon,wed,fri America/Chicago noma\` — other days (\`every day\`, \`weekends\`) and time zones`,
    `\`${cmd} daily\` — this channel's daily posts · \`${cmd} daily off\` — remove them all`,
    `\`${cmd} follow sol mexican\` — a direct message on weekday mornings when that truck is out`,
    `\`${cmd} unfollow sol mexican\` · \`${cmd} following\``,
  ];
}

/** Phase 1's acknowledgement of a subscription command: phase 2 answers in a moment. */
export function oneMomentMessage(): SlackMessage {
  return { response_type: "ephemeral", text: "One moment…" };
}

/** Help's lines about subscriptions. */
export function subscriptionHelpLines(cmd: string): string[] {
  return usage(cmd);
}

/** Phase 1 could not read a `daily` or `follow` command: what was wrong, and how it is written. */
export function subscriptionUsageMessage(problem: string, commandName: string): SlackMessage {
  const cmd = escapeMrkdwn(truncate(commandName.trim(), MAX_NAME_CHARS) || "/foodtrucks");
  return ephemeralLines([problem, ...usage(cmd)]);
}

/**
 * The deployment has no bot token: say who can fix it and how. `whereToSet` is the runtime's own
 * sentence for setting SLACK_BOT_TOKEN there.
 */
export function subscriptionsNotSetUpMessage(whereToSet: string): SlackMessage {
  return ephemeralLines([
    "Daily posts and follows are not set up on this slacktrux yet: they post as the app, which needs its bot token (`xoxb-…`).",
    `Whoever runs slacktrux can ${whereToSet}. See docs/SUBSCRIPTIONS.md.`,
  ]);
}

/** The subscriptions store failed or stayed busy past its budget: one answer, and the truth about what happened. */
export function subscriptionStoreFailedMessage(changing: boolean): SlackMessage {
  return ephemeralLines([
    changing
      ? "Sorry, I couldn't save that just now, so nothing changed. Please try again in a moment."
      : "Sorry, I couldn't read the saved daily posts and follows just now. Please try again in a moment.",
  ]);
}

export function digestSavedMessage(by: string, places: string[], schedule: ScheduleText): SlackMessage {
  return inChannel(
    `${mention(by)} set up a daily post for this channel: the trucks at ${andList(places.map(placeName))} at ${when(schedule)}. \`/foodtrucks daily\` lists this channel's daily posts.`,
  );
}

/** What was typed names more places than a digest may show (a prefix such as `dc`): nothing saved. */
export function tooManyPlacesMessage(asked: string, matched: number, cap: number): SlackMessage {
  return ephemeralLines([
    `“${typed(asked)}” matches ${matched} places, and a daily post shows at most ${cap}. Nothing was saved: name the places, e.g. \`daily 11:30 farragut, franklin\`.`,
  ]);
}

export function digestAlreadyMessage(): SlackMessage {
  return ephemeralLines(["This channel already has that daily post at that time. `/foodtrucks daily` lists them."]);
}

export function digestCapMessage(cap: number): SlackMessage {
  return ephemeralLines([
    `This channel already has ${plural(cap, "daily post")}, the most it can have. Remove one first: \`/foodtrucks daily\` lists them, each with a Remove button.`,
  ]);
}

export function digestListMessage(
  digests: { places: string[]; createdBy: string; schedule: ScheduleText }[],
): SlackMessage {
  if (digests.length === 0) {
    return ephemeralLines(["This channel has no daily posts. Set one up with `/foodtrucks daily 11:30 farragut`."]);
  }
  const blocks: KnownBlock[] = [section(`*This channel's daily posts (${digests.length}):*`)];
  for (const digest of digests) {
    const text = `${digest.places.map(placeName).join(", ")} — ${when(digest.schedule)} · set up by ${mention(digest.createdBy)}`;
    blocks.push({ ...section(text), accessory: removeSubscriptionButton(digest.schedule.id, "Remove") });
  }
  blocks.push(context(["`/foodtrucks daily off` removes them all."]));
  return {
    response_type: "ephemeral",
    text: fallback(`This channel has ${plural(digests.length, "daily post")}.`),
    blocks,
  };
}

export function digestsRemovedMessage(by: string, removed: number): SlackMessage {
  if (removed === 0) return ephemeralLines(["This channel has no daily posts to remove."]);
  return inChannel(`${mention(by)} removed this channel's ${plural(removed, "daily post")}.`);
}

export function digestRemovedMessage(by: string, places: string[], schedule: ScheduleText): SlackMessage {
  return inChannel(
    `${mention(by)} removed the daily post of ${places.map(placeName).join(", ")} at ${when(schedule)}.`,
  );
}

export function subscriptionGoneMessage(): SlackMessage {
  return ephemeralLines(["That one was already removed."]);
}

export function followSavedMessage(truck: string, schedule: ScheduleText): SlackMessage {
  return ephemeralLines([
    `You follow *${placeName(truck)}*: on ${schedule.days} at ${schedule.time} (${escapeMrkdwn(schedule.timeZone)}) I'll send you a direct message if it is out, saying where. \`/foodtrucks following\` lists your follows.`,
  ]);
}

export function followAlreadyMessage(truck: string): SlackMessage {
  return ephemeralLines([`You already follow *${placeName(truck)}*.`]);
}

export function followCapMessage(cap: number): SlackMessage {
  return ephemeralLines([
    `You already follow ${plural(cap, "truck")}, the most one person can. Unfollow one first: \`/foodtrucks following\` lists them.`,
  ]);
}

export function followListMessage(follows: { truck: string; schedule: ScheduleText }[]): SlackMessage {
  if (follows.length === 0) {
    return ephemeralLines(["You don't follow any truck. Follow one with `/foodtrucks follow sol mexican`."]);
  }
  const blocks: KnownBlock[] = [section(`*Trucks you follow (${follows.length}):*`)];
  for (const follow of follows) {
    blocks.push({
      ...section(`${placeName(follow.truck)} — checked ${follow.schedule.days} at ${follow.schedule.time}`),
      accessory: removeSubscriptionButton(follow.schedule.id, "Unfollow"),
    });
  }
  return { response_type: "ephemeral", text: fallback(`You follow ${plural(follows.length, "truck")}.`), blocks };
}

export function unfollowedMessage(trucks: string[]): SlackMessage {
  return ephemeralLines([`You no longer follow ${andList(trucks.map((t) => `*${placeName(t)}*`))}.`]);
}

export function notFollowingMessage(term: string): SlackMessage {
  return ephemeralLines([
    `You don't follow a truck called “${typed(term)}”. \`/foodtrucks following\` lists your follows.`,
  ]);
}

/** A truck name that matched none of today's trucks (nothing saved). */
export function unknownTruckMessage(term: string, suggestions: string[]): SlackMessage {
  const unknown = `I don't see a truck called “${typed(term)}” on today's tracker, so I haven't followed anything.`;
  return ephemeralLines([
    suggestions.length > 0
      ? `${unknown} Did you mean ${orList(suggestions.slice(0, 3).map(placeName))}?`
      : `${unknown} A truck can be followed on a day it is listed.`,
  ]);
}

/** A name that fits several of today's trucks (nothing saved). */
export function ambiguousTruckMessage(term: string, trucks: string[]): SlackMessage {
  return ephemeralLines([
    `“${typed(term)}” could be ${orList(trucks.slice(0, 5).map(placeName))}. Which one? Type more of its name.`,
  ]);
}

/** The follower's direct message: the truck is out, and where. */
export function truckOutMessage(truck: string, places: string[]): SlackMessage {
  const text = `*${placeName(truck)}* is out today at ${andList(places.map(placeName))}.`;
  return {
    text: fallback(text),
    blocks: [section(text), context([`You follow ${placeName(truck)} · \`/foodtrucks following\` to change that`])],
  };
}

/** To whoever set up a subscription Slack no longer lets the app post for. */
export function subscriptionStoppedMessage(places: string[], channelId: string, why: string): SlackMessage {
  return ephemeralLines([
    `I stopped the daily food-truck post of ${places.map(placeName).join(", ")} you set up for <#${channelId.replace(/[^A-Z0-9]/gi, "")}>: ${escapeMrkdwn(why)}.`,
    "Set it up again with `/foodtrucks daily …` in a channel the app can post in (invite it with `/invite @slacktrux` for a private channel).",
  ]);
}

/** Why Slack refused a post, for people. */
export function goneReason(error: string): string {
  switch (error) {
    case "not_in_channel":
      return "the app is not in that channel";
    case "channel_not_found":
      return "the channel no longer exists, or the app cannot see it";
    case "is_archived":
      return "the channel was archived";
    case "account_inactive":
    case "user_not_found":
      return "that account is deactivated";
    default:
      return "Slack refused the post";
  }
}

/** A `daily` command whose channel Slack did not say. */
export function noChannelMessage(): SlackMessage {
  return ephemeralLines(["I can't tell which channel this is. Type the command in the channel the daily post is for."]);
}
