// What both tracker parsers share: the elements whose text a reader never sees, and a place being
// filled with its trucks, each truck once.
import type { PlaceListing } from "../types.js";

/** Elements whose content a reader never sees as text: their headings and links are not listings. */
export const SKIPPED_TEXT_TAGS: ReadonlySet<string> = new Set(["script", "style", "template", "textarea", "title"]);

/** A place being filled, with what it already holds so repeats are dropped. */
export interface PlaceBuilder {
  listing: PlaceListing;
  seenNames: Set<string>;
  seenUrls: Set<string>;
}

/** A place named `name` (as a person reads it), with no trucks yet. */
export function startPlace(name: string): PlaceBuilder {
  return { listing: { place: name, trucks: [] }, seenNames: new Set(), seenUrls: new Set() };
}

/** Adds a truck unless it is nameless or already listed under the same name (any case) or link. */
export function addTruck(place: PlaceBuilder, name: string, url: string | null): void {
  const nameKey = name.toLowerCase();
  if (name === "" || place.seenNames.has(nameKey) || (url !== null && place.seenUrls.has(url))) return;
  place.seenNames.add(nameKey);
  if (url !== null) place.seenUrls.add(url);
  place.listing.trucks.push({ name, url });
}
