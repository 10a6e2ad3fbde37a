// What an external select offers as the person types (block_suggestion): today's places, each with
// its truck count, or today's trucks. Words typed match the starts of words in a name, as
// `/foodtrucks farragut` does; when nothing matches, the closest names are offered instead.
import type { PlainTextOption } from "@slack/types";
import { plural } from "../messages/format.js";
import { truncate } from "../slack/truncate.js";
import { matchPlaces, normalizeForMatch } from "../trucks/matchPlaces.js";
import type { PlaceListing } from "../trucks/types.js";

/** Slack's limits on an options answer. */
export const MAX_OPTIONS = 100;
export const MAX_OPTION_TEXT_CHARS = 75;
export const MAX_OPTION_VALUE_CHARS = 150;

export interface OptionsAnswer {
  options: PlainTextOption[];
}

export function placeOptions(listings: PlaceListing[], query: string): OptionsAnswer {
  const counts = new Map(listings.map((listing) => [listing.place, listing.trucks.length]));
  return options(
    listings.map((listing) => listing.place),
    query,
    (place) => ` (${plural(counts.get(place) ?? 0, "truck")})`,
  );
}

export function truckOptions(listings: PlaceListing[], query: string): OptionsAnswer {
  const trucks = [...new Set(listings.flatMap((listing) => listing.trucks.map((truck) => truck.name.trim())))];
  return options(
    trucks.filter((name) => name !== "").sort((a, b) => a.localeCompare(b)),
    query,
    () => "",
  );
}

/** Names the query matches (the closest ones when none does), as options whose value is the exact name. */
function options(names: string[], query: string, suffix: (name: string) => string): OptionsAnswer {
  // The value carries the exact name back; a longer one cannot be offered.
  const offered = names.filter((name) => name !== "" && name.length <= MAX_OPTION_VALUE_CHARS);
  let chosen = offered.filter((name) => matches(query, name));
  if (chosen.length === 0) chosen = matchPlaces(query, offered).unmatched.flatMap((term) => term.suggestions);
  return {
    options: [...new Set(chosen)].slice(0, MAX_OPTIONS).map((name) => {
      const extra = suffix(name);
      return {
        text: { type: "plain_text", text: truncate(name, MAX_OPTION_TEXT_CHARS - extra.length) + extra },
        value: name,
      };
    }),
  };
}

/** Every word typed starts some word of the name ("farr sq" matches "DC - Farragut Square"). */
function matches(query: string, name: string): boolean {
  const typed = normalizeForMatch(query.slice(0, MAX_OPTION_VALUE_CHARS));
  if (typed === "") return true;
  const words = normalizeForMatch(name).split(" ");
  return typed.split(" ").every((part) => words.some((word) => word.startsWith(part)));
}
