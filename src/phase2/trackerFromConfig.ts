// The tracker phase 2 reads, from configuration: one per process, so its cache is shared by every
// command and digest a warm instance handles.
import type { FulfilConfig } from "../config/fulfilConfig.js";
import type { HttpClient } from "../net/httpRequest.js";
import { DEFAULT_FETCH_LIMITS } from "../trucks/fetchTrackerPage.js";
import { createTracker, type SharedTrackerCache, type Tracker } from "../trucks/tracker.js";

/** Room left after a failed fetch, inside phase 2's deadline, to answer from the last good page. */
const STALE_ANSWER_MARGIN_MS = 500;

/** `shared`: a cache beyond this instance's memory (the Cache API on Cloudflare). */
export function trackerFromConfig(config: FulfilConfig, http?: HttpClient, shared?: SharedTrackerCache): Tracker {
  // The fetch gives up before phase 2's deadline, so a hung tracker still lets the last good page
  // answer (and `slacktrux digest` is not kept alive by a fetch nobody waits for).
  const timeoutMs = Math.max(
    100,
    Math.min(DEFAULT_FETCH_LIMITS.timeoutMs, config.fulfilDeadlineMs - STALE_ANSWER_MARGIN_MS),
  );
  return createTracker({
    location: config.trackerLocation,
    parse: config.layout.parse,
    ...(http ? { http } : {}),
    cacheSeconds: config.trackerCacheSeconds,
    ...(shared ? { shared } : {}),
    limits: { timeoutMs, connectTimeoutMs: Math.min(DEFAULT_FETCH_LIMITS.connectTimeoutMs, timeoutMs) },
  });
}
