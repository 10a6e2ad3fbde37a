// What a tracker page lists: places in page order, each with its trucks in page order.

export interface Truck {
  /** As a person reads it: entities decoded, whitespace collapsed. */
  name: string;
  /** The truck's own page (often its Twitter/X account), or null when the listing has no link. */
  url: string | null;
}

export interface PlaceListing {
  /** The heading as printed, e.g. "DC - Farragut Square". */
  place: string;
  trucks: Truck[];
}
