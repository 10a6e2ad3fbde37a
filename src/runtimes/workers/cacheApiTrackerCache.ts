// The tracker's shared cache on Cloudflare: the Cache API of the data center the Worker runs in.
// An isolate lives for seconds to minutes, so its memory alone would fetch and parse the page
// again on most commands; the parsed listings go here instead, with their validators. Entries are
// kept a day, beyond TRACKER_CACHE_SECONDS, so a failing tracker can still be answered with the
// last good page (the tracker decides freshness from fetchedAtMs, not from the cache's expiry).
// The Cache API does nothing on *.workers.dev: there the isolate's memory is the only cache.
import type { Logger } from "../../observe/log.js";
import type { SharedTrackerCache, TrackerCacheEntry } from "../../trucks/tracker.js";
import { describeFailure } from "../../observe/describeFailure.js";

const KEEP_SECONDS = 24 * 60 * 60;

export function createCacheApiTrackerCache(cache: Cache, page: URL, log: Logger): SharedTrackerCache {
  // A made-up URL: only this Worker reads it, and the page's address keeps trackers apart.
  const key = `https://slacktrux.cache/tracker-page?url=${encodeURIComponent(page.href)}`;
  return {
    async read() {
      try {
        const hit = await cache.match(key);
        return hit ? asEntry(await hit.json()) : undefined;
      } catch (error) {
        log.warn("tracker cache unreadable", { phase: "fulfil", error: describeFailure(error).error });
        return undefined;
      }
    },
    async write(entry) {
      try {
        await cache.put(
          key,
          new Response(JSON.stringify(entry), {
            headers: { "content-type": "application/json", "cache-control": `max-age=${KEEP_SECONDS}` },
          }),
        );
      } catch (error) {
        log.warn("tracker cache not written", { phase: "fulfil", error: describeFailure(error).error });
      }
    },
  };
}

/** Ours, but read back from storage: taken only if it has the entry's shape. */
function asEntry(value: unknown): TrackerCacheEntry | undefined {
  const entry = value as Partial<TrackerCacheEntry> | null;
  if (
    typeof entry !== "object" ||
    entry === null ||
    !Array.isArray(entry.listings) ||
    typeof entry.fetchedAtMs !== "number" ||
    typeof entry.validators !== "object" ||
    entry.validators === null
  ) {
    return undefined;
  }
  return { listings: entry.listings, validators: entry.validators, fetchedAtMs: entry.fetchedAtMs };
}
