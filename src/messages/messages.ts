// Block Kit messages for /foodtrucks. Every scraped or user-typed string is escaped before it
// enters mrkdwn, and every text is cut to Slack's limits here: Slack rejects an oversized message
// outright (invalid_blocks), so a tracker page with a huge place must still produce a valid one.
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";
import type { PlaceListing, Truck } from "../trucks/types.js";
import { placePicker, refreshButton, shareButton } from "./actions.js";
import { escapeMrkdwn, linkMrkdwn } from "../slack/escape.js";
import type { SlackMessage } from "../slack/blockKit.js";
import { ELLIPSIS, truncate } from "../slack/truncate.js";

// Slack's limits (https://api.slack.com/reference/block-kit/blocks).
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT_CHARS = 3000;
export const MAX_HEADER_TEXT_CHARS = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_FALLBACK_TEXT_CHARS = 3000;

// Our own caps on scraped strings, so one absurd name or URL cannot fill a whole section.
const MAX_NAME_CHARS = 200;
const MAX_LINK_URL_CHARS = 1000;
/** How many places a hint ("these places have trucks") lists before "…and N more". */
const MAX_PLACES_IN_HINT = 15;
/** The DC tracker's local time. */
export const DEFAULT_TIME_ZONE = "America/New_York";

export interface TrucksMessageInput {
  listings: PlaceListing[];
  sourceUrl: string;
  /** When the page these listings come from was fetched. */
  fetchedAt: Date;
  /** Slack user id of the person who ran the command; absent for a scheduled digest. */
  askedBy?: string;
  /** For a digest post someone refreshed: who did. */
  refreshedBy?: string;
  /** Adds a Refresh button that re-reads the tracker and replaces this message. */
  refreshable?: boolean;
  /** Set when a cached page is served because the tracker failed: when that cached page was fetched. */
  staleSince?: Date;
  /** The clock, for "showing the page from N min ago"; without it the note gives the page's time instead. */
  nowMs?: number;
  /** IANA time zone for the times shown; default America/New_York for the DC tracker. */
  timeZone?: string;
}

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
  ];
  return {
    response_type: "ephemeral",
    text: fallback(`Usage: ${cmd} farragut · ${cmd} farragut, franklin · ${cmd} list · ${cmd} help`),
    blocks: chunkLines(lines).map(joinSection),
  };
}

export function trucksMessage(input: TrucksMessageInput): SlackMessage {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const footer: KnownBlock[] = [context([sourceLine(input, timeZone)])];
  if (input.refreshable) {
    // A digest stays a digest when refreshed: its footer and time zone travel in the button.
    const digest = input.askedBy === undefined ? { digest: input.timeZone ? { timeZone: input.timeZone } : {} } : {};
    footer.push(refreshButton({ places: input.listings.map((l) => l.place), ...digest }));
  }
  const body =
    input.listings.length === 0
      ? [section("_No places to show._")]
      : placeBlocks(input.listings, MAX_BLOCKS - footer.length);
  return {
    response_type: "in_channel",
    text: trucksFallback(input.listings),
    blocks: [...body, ...footer],
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

/** For tracker down / layout changed / too slow. The text is ours, so mrkdwn is allowed; it is only length-capped. */
export function problemMessage(text: string): SlackMessage {
  const body = text.trim() === "" ? "Something went wrong." : text;
  return {
    response_type: "ephemeral",
    text: fallback(body),
    blocks: [section(truncateMrkdwn(body, MAX_SECTION_TEXT_CHARS))],
  };
}

// ---- trucks message parts ----

/** Header + truck sections per place, within `budget` blocks; what does not fit becomes a summary line. */
function placeBlocks(listings: PlaceListing[], budget: number): KnownBlock[] {
  const rendered = listings.map((listing) => ({
    listing,
    chunks: listing.trucks.length === 0 ? [["_No trucks yet._"]] : chunkLines(listing.trucks.map(truckLine)),
  }));
  const needed = rendered.reduce((sum, r) => sum + 1 + r.chunks.length, 0);
  if (needed <= budget) return rendered.flatMap((r) => [header(r.listing.place), ...r.chunks.map(joinSection)]);

  const room = budget - 1; // keep one block for the "…and N more" line
  const blocks: KnownBlock[] = [];
  for (const [i, r] of rendered.entries()) {
    const free = room - blocks.length;
    if (1 + r.chunks.length <= free) {
      blocks.push(header(r.listing.place), ...r.chunks.map(joinSection));
      continue;
    }
    let hiddenTrucks = 0;
    let hiddenPlaces = rendered.length - i - 1;
    if (free >= 2) {
      // Show the start of this place; its remaining trucks are counted in the summary.
      blocks.push(header(r.listing.place), ...r.chunks.slice(0, free - 1).map(joinSection));
      hiddenTrucks = r.chunks.slice(free - 1).reduce((sum, chunk) => sum + chunk.length, 0);
    } else {
      hiddenPlaces += 1;
    }
    blocks.push(section(`_${overflowSummary(hiddenTrucks, hiddenPlaces)}_`));
    break;
  }
  return blocks;
}

function overflowSummary(hiddenTrucks: number, hiddenPlaces: number): string {
  const parts: string[] = [];
  if (hiddenTrucks > 0) parts.push(plural(hiddenTrucks, "more truck"));
  if (hiddenPlaces > 0) parts.push(plural(hiddenPlaces, "more place"));
  return `${ELLIPSIS}and ${parts.join(", and ")}`;
}

function truckLine(truck: Truck): string {
  const name = truncate(truck.name.trim(), MAX_NAME_CHARS) || "Unnamed truck";
  const plain = `• ${escapeMrkdwn(name)}`;
  if (truck.url === null || truck.url.length > MAX_LINK_URL_CHARS) return plain;
  const linked = `• ${linkMrkdwn(truck.url, name)}`;
  // A pathological URL full of escaped "&" could still overflow a section; a name alone is better than a cut link.
  return linked.length <= MAX_SECTION_TEXT_CHARS ? linked : plain;
}

function trucksFallback(listings: PlaceListing[]): string {
  if (listings.length === 0) return "No food trucks to show.";
  const perPlace = listings.map((l) => {
    const names = l.trucks.map((t) => escapeMrkdwn(truncate(t.name.trim(), MAX_NAME_CHARS) || "Unnamed truck"));
    return `${placeName(l.place)}: ${names.length === 0 ? "no trucks yet" : names.join(", ")}`;
  });
  return fallback(`Food trucks at ${perPlace.join("; ")}`);
}

function sourceLine(input: TrucksMessageInput, timeZone: string): string {
  const parts = [
    `Source: ${sourceLink(input.sourceUrl)}`,
    `fetched ${formatTime(input.fetchedAt, timeZone)}`,
    input.askedBy !== undefined
      ? `asked by ${mention(input.askedBy)}`
      : input.refreshedBy !== undefined
        ? `daily digest, refreshed by ${mention(input.refreshedBy)}`
        : "daily digest",
  ];
  if (input.staleSince !== undefined) {
    const from =
      input.nowMs === undefined
        ? formatTime(input.staleSince, timeZone)
        : ago(input.nowMs - input.staleSince.getTime());
    parts.push(`tracker unreachable, showing the page from ${from}`);
  }
  return parts.join(" · ");
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (!(minutes >= 1)) return "less than a minute ago";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h ago` : `${hours} h ${rest} min ago`;
}

/** `<@U123>` only for something shaped like a Slack id; anything else is shown as escaped text. */
function mention(userId: string): string {
  if (/^[A-Za-z0-9]{1,40}$/.test(userId)) return `<@${userId}>`;
  return userId === "" ? "someone" : escapeMrkdwn(truncate(userId, MAX_NAME_CHARS));
}

function sourceLink(sourceUrl: string): string {
  let label = sourceUrl;
  try {
    label = new URL(sourceUrl).host || sourceUrl;
  } catch {
    // not a URL: show it as text
  }
  label = truncate(label, MAX_NAME_CHARS);
  return sourceUrl.length <= MAX_LINK_URL_CHARS ? linkMrkdwn(sourceUrl, label) : escapeMrkdwn(label);
}

// One formatter per time zone for the life of the process: building an Intl.DateTimeFormat per
// message cost ~0.06 ms and ~26 KB of native memory each (bench: RSS grew with every command).
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone });
    timeFormats.set(timeZone, format);
  }
  return format;
}

function formatTime(date: Date, timeZone: string): string {
  // A bad time zone in config must not lose the answer: fall back to the tracker's own zone.
  for (const zone of [timeZone, DEFAULT_TIME_ZONE]) {
    try {
      // Newer ICU puts U+202F before AM/PM, older a space; pick one so output is the same on every Node.
      return timeFormat(zone).format(date).replace(/\s/g, " ");
    } catch {
      // invalid zone or date: try the next
    }
  }
  return "unknown time";
}

// ---- shared building blocks ----

function ephemeralLines(lines: string[], reservedBlocks = 0): SlackMessage {
  return {
    response_type: "ephemeral",
    text: fallback(lines.join(" ")),
    blocks: sectionsFromLines(lines, MAX_BLOCKS - reservedBlocks, (hidden) => `_${ELLIPSIS}and ${hidden} more_`),
  };
}

function cappedBullets(items: string[]): string[] {
  const shown = items.slice(0, MAX_PLACES_IN_HINT).map((item) => `• ${item}`);
  const hidden = items.length - shown.length;
  return hidden > 0 ? [...shown, `_${ELLIPSIS}and ${plural(hidden, "more place")}_`] : shown;
}

/** Escaped, length-capped place name for mrkdwn. */
function placeName(place: string): string {
  return escapeMrkdwn(truncate(place.trim(), MAX_NAME_CHARS) || "Unnamed place");
}

function truckCount(listing: PlaceListing): string {
  return listing.trucks.length === 0 ? "no trucks yet" : plural(listing.trucks.length, "truck");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "A", "A or B", "A, B or C"; a long list ends "…and N more". */
function orList(items: string[], max = 10): string {
  const shown = items.slice(0, max);
  const hidden = items.length - shown.length;
  if (hidden > 0) return `${shown.join(", ")} and ${hidden} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

/** Lines → section blocks of at most MAX_SECTION_TEXT_CHARS, at most maxBlocks; the last one summarizes what did not fit. */
function sectionsFromLines(
  lines: string[],
  maxBlocks: number,
  overflow: (hiddenLines: number) => string,
): SectionBlock[] {
  const chunks = chunkLines(lines);
  if (chunks.length <= maxBlocks) return chunks.map(joinSection);
  const shown = chunks.slice(0, maxBlocks - 1);
  const hidden = chunks.slice(maxBlocks - 1).reduce((sum, chunk) => sum + chunk.length, 0);
  return [...shown.map(joinSection), section(overflow(hidden))];
}

/** Groups whole lines so each group joined by "\n" stays within a section's limit. */
function chunkLines(lines: string[], max = MAX_SECTION_TEXT_CHARS): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max); // last resort; our lines are built to fit
    if (current.length > 0 && length + 1 + line.length > max) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function joinSection(lines: string[]): SectionBlock {
  return section(lines.join("\n"));
}

function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncateMrkdwn(mrkdwn, MAX_SECTION_TEXT_CHARS) } };
}

function header(place: string): HeaderBlock {
  // plain_text is never parsed for mentions or links, so it needs no escaping, only the length cap.
  const text = truncate(place.trim() || "Unnamed place", MAX_HEADER_TEXT_CHARS);
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

function context(mrkdwnTexts: string[]): ContextBlock {
  return {
    type: "context",
    elements: mrkdwnTexts
      .slice(0, MAX_CONTEXT_ELEMENTS)
      .map((text) => ({ type: "mrkdwn" as const, text: truncateMrkdwn(text, MAX_SECTION_TEXT_CHARS) })),
  };
}

/** Top-level `text` is shown in notifications and is parsed as mrkdwn too, so it is built from escaped parts. */
function fallback(escapedText: string): string {
  if (escapedText.length <= MAX_FALLBACK_TEXT_CHARS) return escapedText;
  // Prefer to stop after a whole item: "District Taco, Pho-bachi, …".
  const limit = MAX_FALLBACK_TEXT_CHARS - ELLIPSIS.length - 2;
  const cut = Math.max(escapedText.lastIndexOf(", ", limit), escapedText.lastIndexOf("; ", limit));
  if (cut > 0) return escapedText.slice(0, cut + 2) + ELLIPSIS;
  return truncateMrkdwn(escapedText, MAX_FALLBACK_TEXT_CHARS);
}

/** Like truncate, for escaped mrkdwn: also drops an entity cut in half ("&am…"). */
function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -ELLIPSIS.length);
  return cut.replace(/&[a-z]{0,3}$/, "") + ELLIPSIS;
}
