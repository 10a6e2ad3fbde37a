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

/** May load its parser first (PageLayout.parse does, on first use). */
export type ParsePage = (html: string) => PlaceListing[] | Promise<PlaceListing[]>;

/** What the tracker keeps of a page: its listings, parsed once, and how to revalidate them. */
export interface TrackerCacheEntry {
  listings: PlaceListing[];
  validators: Validators;
  fetchedAtMs: number;
}

/**
 * A cache shared beyond this instance (Cloudflare's Cache API, where an isolate lives briefly):
 * a page another instance fetched is reused, fresh or, when the tracker fails, as the last good
 * page. Its failures are its own to report; the tracker carries on without it.
 */
export interface SharedTrackerCache {
  read(): Promise<TrackerCacheEntry | undefined>;
  write(entry: TrackerCacheEntry): Promise<void>;
}

export interface TrackerOptions {
  location: URL;
  parse: ParsePage;
  cacheSeconds: number;
  limits?: Partial<FetchLimits> | undefined;
  /** Node's http by default. */
  http?: HttpClient;
  nowMs?: (() => number) | undefined;
  /** Besides this instance's memory; none by default. */
  shared?: SharedTrackerCache | undefined;
}

type CacheEntry = TrackerCacheEntry;

export function createTracker(options: TrackerOptions): Tracker {
  const { location, parse, cacheSeconds, limits, http, nowMs = Date.now, shared } = options;
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

  const isFresh = (entry: CacheEntry | undefined): entry is CacheEntry =>
    entry !== undefined && nowMs() - entry.fetchedAtMs < cacheSeconds * 1000;

  /** Another instance's newer page, if the shared cache has one; then fetch only if still not fresh. */
  async function load(): Promise<TrackerSnapshot> {
    const theirs = await shared?.read().catch(() => undefined);
    if (theirs && (!cache || theirs.fetchedAtMs > cache.fetchedAtMs)) cache = theirs;
    if (isFresh(cache)) return snapshot(cache);
    const fetched = await refresh();
    if (!fetched.stale && cache) await shared?.write(cache).catch(() => {});
    return fetched;
  }

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
      const listings = await parse(page.html);
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
      if (isFresh(cache)) return Promise.resolve(snapshot(cache));
      inFlight ??= load().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}
