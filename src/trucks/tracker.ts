// The tracker's listings as phase 2 needs them: fetched, parsed, cached per warm instance for
// `cacheSeconds`, revalidated with ETag / Last-Modified, and — when the tracker fails — the last
// good page served with its age rather than nothing.
import { fetchTrackerPage, type FetchLimits, type Validators } from "./fetchTrackerPage.js";
import type { HttpClient } from "../net/httpRequest.js";
import { TrackerError } from "./trackerError.js";
import { publicTrackerAddress } from "./trackerAddress.js";
import type { PlaceListing } from "./types.js";

export interface TrackerSnapshot {
  listings: PlaceListing[];
  /** Where the page came from, to credit the source. */
  sourceUrl: string;
  /** When this content was last fetched or confirmed current. */
  fetchedAt: Date;
  /** Set when the tracker failed just now and this is the last good page instead. */
  stale?: { error: TrackerError };
}

export interface Tracker {
  /** The page's address (origin and path, never a query), to credit and name the source in messages. */
  readonly sourceUrl: string;
  get(): Promise<TrackerSnapshot>;
}

export type ParsePage = (html: string) => PlaceListing[];

export interface TrackerOptions {
  location: URL;
  parse: ParsePage;
  cacheSeconds: number;
  limits?: Partial<FetchLimits> | undefined;
  /** Node's http by default. */
  http?: HttpClient;
  nowMs?: (() => number) | undefined;
}

interface CacheEntry {
  listings: PlaceListing[];
  validators: Validators;
  fetchedAtMs: number;
}

export function createTracker(options: TrackerOptions): Tracker {
  const { location, parse, cacheSeconds, limits, http, nowMs = Date.now } = options;
  const sourceUrl = publicTrackerAddress(location);
  let cache: CacheEntry | undefined;
  // Commands arriving together share one fetch.
  let inFlight: Promise<TrackerSnapshot> | undefined;

  const snapshot = (entry: CacheEntry, stale?: TrackerError): TrackerSnapshot => ({
    listings: entry.listings,
    sourceUrl,
    fetchedAt: new Date(entry.fetchedAtMs),
    ...(stale ? { stale: { error: stale } } : {}),
  });

  async function refresh(): Promise<TrackerSnapshot> {
    try {
      const page = await fetchTrackerPage(location, {
        limits,
        validators: cache?.validators,
        ...(http ? { http } : {}),
      });
      if (page.notModified) {
        cache = { ...cache!, fetchedAtMs: nowMs() };
        return snapshot(cache);
      }
      const listings = parse(page.html);
      if (listings.length === 0) {
        throw new TrackerError("layout-changed", `no places found on ${sourceUrl}: the page layout may have changed`);
      }
      cache = { listings, validators: page.validators, fetchedAtMs: nowMs() };
      return snapshot(cache);
    } catch (error) {
      if (cache && error instanceof TrackerError) return snapshot(cache, error);
      throw error;
    }
  }

  return {
    sourceUrl,
    get() {
      if (cache && nowMs() - cache.fetchedAtMs < cacheSeconds * 1000) return Promise.resolve(snapshot(cache));
      inFlight ??= refresh().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}
