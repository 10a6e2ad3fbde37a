// The tracker phase 2 reads, from configuration: one per process, so its cache is shared by every
// command and digest a warm instance handles.
import type { FulfilConfig } from "../fulfilConfig.js";
import { createTrackerSource, type TrackerSource } from "../trucks/trackerSource.js";

export function trackerFromConfig(config: FulfilConfig): TrackerSource {
  return createTrackerSource({
    location: config.trackerLocation,
    parse: config.tracker.parse,
    cacheSeconds: config.trackerCacheSeconds,
  });
}
