// `slacktrux trucks [place] [--tracker URL|PATH] [--selectors JSON] [--json]`: the tracker's
// listings straight from the page, no Slack involved — for checking a tracker (a new city's
// selectors included) or a place name from a terminal before deploying.
import { fetchTrackerPage } from "../trucks/fetchTrackerPage.js";
import { matchPlaces } from "../trucks/matchPlaces.js";
import type { PageLayout } from "../trucks/parsers/pageLayout.js";
import { TrackerError } from "../trucks/trackerError.js";
import type { PlaceListing } from "../trucks/types.js";

export interface TrucksOptions {
  place?: string;
  /** Where the page is. */
  location: URL;
  /** How the page is read. */
  tracker: PageLayout;
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runTrucks(options: TrucksOptions): Promise<number> {
  let listings: PlaceListing[];
  try {
    const page = await fetchTrackerPage(options.location);
    listings = page.notModified ? [] : await options.tracker.parse(page.html);
  } catch (error) {
    if (error instanceof TrackerError) {
      options.err(`Could not read the tracker: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (listings.length === 0) {
    options.err("The tracker page lists no places: its layout may have changed.");
    return 1;
  }

  let shown = listings;
  if (options.place?.trim()) {
    const matched = matchPlaces(
      options.place,
      listings.map((listing) => listing.place),
    );
    for (const { term, suggestions } of matched.unmatched) {
      options.err(`Unknown place "${term}".` + (suggestions.length ? ` Did you mean: ${suggestions.join("; ")}?` : ""));
    }
    if (matched.places.length === 0) {
      options.err(`Places on the tracker today: ${listings.map((listing) => listing.place).join("; ")}`);
      return 2;
    }
    shown = listings.filter((listing) => matched.places.includes(listing.place));
  }

  if (options.json) {
    options.out(JSON.stringify({ places: shown.map(({ place, trucks }) => ({ place, trucks })) }, null, 2));
    return 0;
  }
  for (const { place, trucks } of shown) {
    options.out(place);
    if (trucks.length === 0) options.out("  (no trucks yet)");
    for (const truck of trucks) options.out(`  ${truck.name}${truck.url ? `  ${truck.url}` : ""}`);
  }
  return 0;
}
