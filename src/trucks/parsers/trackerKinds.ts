// The kinds of tracker page slacktrux can read (TRACKER_KIND). Apart from the parsers, so the
// configuration can check a kind without loading one.
export const TRACKER_KINDS = ["foodtruckfiesta", "selectors"] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];
