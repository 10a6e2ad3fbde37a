// The truck list: a header and the trucks for each place, a footer saying where the list comes
// from, when, and for whom, and a Refresh button. Posted for commands, clicks and digests alike.
import type { KnownBlock } from "@slack/types";
import type { PlaceListing, Truck } from "../trucks/types.js";
import {
  context,
  fallback,
  header,
  joinSection,
  MAX_BLOCKS,
  MAX_SECTION_TEXT_CHARS,
  section,
  chunkLines,
  type SlackMessage,
} from "../slack/blockKit.js";
import { escapeMrkdwn, linkMrkdwn } from "../slack/escape.js";
import { ELLIPSIS, truncate } from "../slack/truncate.js";
import { refreshButton } from "./actions.js";
import {
  ago,
  DEFAULT_TIME_ZONE,
  formatTime,
  MAX_LINK_URL_CHARS,
  MAX_NAME_CHARS,
  mention,
  placeName,
  plural,
  sourceLink,
} from "./format.js";

export interface TrucksMessageInput {
  listings: PlaceListing[];
  sourceUrl: string;
  /** When the page these listings come from was fetched. */
  fetchedAt: Date;
  /** Slack user id of the person who ran the command; absent for a scheduled digest. */
  askedBy?: string | undefined;
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

/** Header + truck sections per place, within `budget` blocks; what does not fit becomes a summary line. */
function placeBlocks(listings: PlaceListing[], budget: number): KnownBlock[] {
  const rendered = listings.map((listing) => ({
    listing,
    chunks: listing.trucks.length === 0 ? [["_No trucks yet._"]] : chunkLines(listing.trucks.map(truckLine)),
  }));
  const needed = rendered.reduce((sum, r) => sum + 1 + r.chunks.length, 0);
  if (needed <= budget)
    return rendered.flatMap((r) => [header(r.listing.place.trim() || "Unnamed place"), ...r.chunks.map(joinSection)]);

  const room = budget - 1; // keep one block for the "…and N more" line
  const blocks: KnownBlock[] = [];
  for (const [i, r] of rendered.entries()) {
    const free = room - blocks.length;
    if (1 + r.chunks.length <= free) {
      blocks.push(header(r.listing.place.trim() || "Unnamed place"), ...r.chunks.map(joinSection));
      continue;
    }
    let hiddenTrucks = 0;
    let hiddenPlaces = rendered.length - i - 1;
    if (free >= 2) {
      // Show the start of this place; its remaining trucks are counted in the summary.
      blocks.push(header(r.listing.place.trim() || "Unnamed place"), ...r.chunks.slice(0, free - 1).map(joinSection));
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
