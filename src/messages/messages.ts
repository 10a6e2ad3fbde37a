// What /foodtrucks says besides the truck list (messages/truckList.ts): "Looking…", help, the
// place menu, the list of places, "did you mean", "no trucks", and problems. Every scraped or
// user-typed string is escaped before it enters mrkdwn (messages/format.ts).
import type { PlaceListing } from "../trucks/types.js";
import {
  ephemeralLines,
  fallback,
  MAX_BLOCKS,
  MAX_SECTION_TEXT_CHARS,
  section,
  sectionsFromLines,
  chunkLines,
  joinSection,
  truncateMrkdwn,
  context,
  type SlackMessage,
} from "../slack/blockKit.js";
import { escapeMrkdwn } from "../slack/escape.js";
import { ELLIPSIS, truncate } from "../slack/truncate.js";
import { placePicker, shareButton } from "./actions.js";
import { subscriptionHelpLines } from "./subscriptionMessages.js";
import {
  cappedBullets,
  DEFAULT_TIME_ZONE,
  formatTime,
  MAX_NAME_CHARS,
  orList,
  placeName,
  plural,
  sourceLink,
  truckCount,
} from "./format.js";

export function lookingMessage(query: string): SlackMessage {
  const trimmed = query.trim();
  const text =
    trimmed === ""
      ? `Looking up today's food trucks${ELLIPSIS}`
      : `Looking up food trucks at ${escapeMrkdwn(truncate(trimmed, MAX_NAME_CHARS))}${ELLIPSIS}`;
  return { response_type: "ephemeral", text };
}

export function helpMessage(commandName: string): SlackMessage {
  const cmd = escapeMrkdwn(truncate(commandName.trim(), MAX_NAME_CHARS) || "/foodtrucks");
  const lines = [
    "*Today's food trucks, straight from the tracker:*",
    `\`${cmd} farragut\` — trucks at one place`,
    `\`${cmd} farragut, franklin\` — several places at once`,
    `\`${cmd} list\` — every place on the tracker, with truck counts`,
    `\`${cmd} help\` — this message`,
    "*Every day, by itself:*",
    ...subscriptionHelpLines(cmd),
  ];
  return {
    response_type: "ephemeral",
    text: fallback(`Usage: ${cmd} farragut · ${cmd} farragut, franklin · ${cmd} list · ${cmd} help`),
    blocks: chunkLines(lines).map(joinSection),
  };
}

/** `/foodtrucks` alone: today's places in a menu; choosing one posts it to the channel. */
export function placePickerMessage(listings: PlaceListing[]): SlackMessage {
  if (listings.length === 0) return ephemeralLines(["The tracker lists no places right now."]);
  const withTrucks = listings.filter((l) => l.trucks.length > 0);
  // Places with trucks first: those are the ones worth choosing.
  const ordered = [...withTrucks, ...listings.filter((l) => l.trucks.length === 0)];
  const picker = placePicker(ordered.map((l) => ({ place: l.place, trucks: l.trucks.length })));
  if (!picker)
    return ephemeralLines([
      "*Places on the tracker today:*",
      ...cappedBullets(ordered.map((l) => `${placeName(l.place)} — ${truckCount(l)}`)),
    ]);
  return {
    response_type: "ephemeral",
    text: fallback(
      `Where do you want food trucks from? ${withTrucks.length} of ${plural(listings.length, "place")} have trucks today.`,
    ),
    blocks: [
      section(
        `*Where do you want food trucks from?* ${withTrucks.length} of ${plural(listings.length, "place")} have trucks today.`,
      ),
      picker,
    ],
  };
}

export function placeListMessage(
  listings: PlaceListing[],
  sourceUrl: string,
  fetchedAt: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): SlackMessage {
  const lines =
    listings.length === 0
      ? ["The tracker lists no places right now."]
      : ["*Places on the tracker today:*", ...listings.map((l) => `• ${placeName(l.place)} — ${truckCount(l)}`)];
  const sections = sectionsFromLines(
    lines,
    MAX_BLOCKS - 2,
    (hidden) => `_${ELLIPSIS}and ${plural(hidden, "more place")}_`,
  );
  const summary = listings.map((l) => `${placeName(l.place)} (${l.trucks.length})`).join(", ");
  return {
    response_type: "ephemeral",
    text: fallback(
      listings.length === 0 ? "The tracker lists no places right now." : `Places on the tracker: ${summary}`,
    ),
    blocks: [
      ...sections,
      context([`Source: ${sourceLink(sourceUrl)} · fetched ${formatTime(fetchedAt, timeZone)}`]),
      shareButton({ kind: "list" }),
    ],
  };
}

export function unknownPlaceMessage(
  unmatched: { term: string; suggestions: string[] }[],
  placesWithTrucks: string[],
): SlackMessage {
  const lines = unmatched.map(({ term, suggestions }) => {
    const unknown = `I don't know a place called “${escapeMrkdwn(truncate(term.trim(), MAX_NAME_CHARS))}”.`;
    if (suggestions.length === 0) return unknown;
    return `${unknown} Did you mean ${orList(suggestions.slice(0, 3).map(placeName))}?`;
  });
  if (lines.length === 0) lines.push("I couldn't match that to a place.");

  if (unmatched.length === 0 || unmatched.some((u) => u.suggestions.length === 0)) {
    if (placesWithTrucks.length === 0) lines.push("No place has trucks yet today.");
    else {
      lines.push("Places with trucks today:");
      lines.push(...cappedBullets(placesWithTrucks.map(placeName)));
    }
  }
  return ephemeralLines(lines);
}

export function noTrucksMessage(places: string[], placesWithTrucks: PlaceListing[], shareQuery?: string): SlackMessage {
  const withTrucks = placesWithTrucks.filter((l) => l.trucks.length > 0);
  const lines = [
    places.length === 0 ? "No trucks yet today." : `No trucks at ${orList(places.map(placeName))} yet today.`,
  ];
  if (withTrucks.length === 0) lines.push("No place on the tracker has trucks yet today.");
  else {
    lines.push("These places do have trucks:");
    lines.push(...cappedBullets(withTrucks.map((l) => `${placeName(l.place)} — ${truckCount(l)}`)));
  }
  const message = ephemeralLines(lines, shareQuery === undefined ? 0 : 1);
  if (shareQuery !== undefined) message.blocks!.push(shareButton({ kind: "places", query: shareQuery }));
  return message;
}

/** Phase 1 could not hand the command to phase 2. */
export function handOffFailedMessage(): SlackMessage {
  return problemMessage("Sorry, I couldn't start looking just now. Please try again in a moment.");
}

/** Phase 1 gave up on its hand-off (or secret read) before Slack's 3 seconds ran out. */
export function tryAgainMessage(): SlackMessage {
  return problemMessage("Sorry, I ran out of time to start looking. Please try again.");
}

/** To the asker, when the truck list went to the team's channel (SLACK_WEBHOOK_URL) instead. */
export function postedToTeamChannelMessage(places: string[]): SlackMessage {
  const named = escapeMrkdwn(places.join(", "));
  return { response_type: "ephemeral", text: `Posted the food trucks at ${named} to the team's food-truck channel.` };
}

/** A digest's post when the tracker could not be read: the problem, and which digest it is. */
export function digestProblemMessage(problem: string, places: string[]): SlackMessage {
  return problemMessage(`${problem}\n_Daily food-truck digest for ${escapeMrkdwn(places.join(", "))}_`);
}

/** For tracker down / layout changed / too slow. The text is ours, so mrkdwn is allowed; it is only length-capped. */
export function problemMessage(text: string): SlackMessage {
  const body = text.trim() === "" ? "Something went wrong." : text;
  return {
    response_type: "ephemeral",
    text: fallback(body),
    blocks: [section(truncateMrkdwn(body, MAX_SECTION_TEXT_CHARS))],
  };
}
