// @ts-check
// Issue 5's targets, each checked against one figure of results.json in that figure's unit.
// A missed target is reported, never an error: the benchmark's job is to say where we stand.

const TARGETS = [
  { id: "phase1P99", label: "phase 1 p99 per command", at: "phase1.p99", atMost: 1_000 },
  { id: "receiverColdInit", label: "receiver cold init", at: "coldInit.receiver.coldInit", atMost: 25 },
  { id: "receiverRaw", label: "receiver bundle raw", at: "bundleSize.receiver.raw", atMost: 60 },
  { id: "parseLarge", label: "parse throughput, large page", at: "parse.largePage.throughput", atLeast: 100 },
  { id: "e2eUncachedP50", label: "end to end uncached p50", at: "endToEnd.uncached.p50", atMost: 4 },
  { id: "e2eUncachedP99", label: "end to end uncached p99", at: "endToEnd.uncached.p99", atMost: 10 },
  { id: "e2eCachedP50", label: "end to end cached p50", at: "endToEnd.cached.p50", atMost: 2 },
  { id: "idleRss", label: "local server idle RSS", at: "memory.idle", atMost: 60 },
  // "No growth": under 1 MB per 1,000 commands, below what one RSS reading can resolve reliably.
  { id: "rssTrend", label: "RSS growth trend", at: "memory.trend", atMost: 1 },
  { id: "boltSizeRatio", label: "Bolt bundle / ours", at: "sideBySide.sizeRatio", atLeast: 10 },
  { id: "boltColdRatio", label: "Bolt cold init / ours", at: "sideBySide.coldInitRatio", atLeast: 5 },
  // Issue 16's tick at scale: 10,000 posts in one minute's tick, within Slack's per-channel pace.
  { id: "tickAtScale", label: "tick of 10,000 posts", at: "tickAtScale.duration", atMost: 60 },
  { id: "tickChannelPace", label: "tick posts < 1 s apart in a channel", at: "tickAtScale.tooSoon", atMost: 0 },
  { id: "tickRetryAfter", label: "tick posts before Retry-After", at: "tickAtScale.beforeRetryAfter", atMost: 0 },
  { id: "tickTrackerReads", label: "tracker reads per tick", at: "tickAtScale.trackerReads", atMost: 1 },
];

/**
 * The figure at a dotted path of results.json (JSON, so untyped).
 * @param {any} results
 * @param {string} path
 * @returns {any}
 */
export function lookup(results, path) {
  return path.split(".").reduce((/** @type {any} */ node, key) => node?.[key], results);
}

/** @param {any} results */
export function evaluateTargets(results) {
  return TARGETS.map(({ id, label, at, atMost, atLeast }) => {
    const measured = lookup(results, at);
    const limit = atMost ?? atLeast;
    const target = `${atMost !== undefined ? "≤" : "≥"} ${limit} ${measured?.unit ?? ""}`.trim();
    if (!measured || typeof measured.value !== "number") return { id, label, at, target, status: "not measured" };
    const met = atMost !== undefined ? measured.value <= atMost : measured.value >= atLeast;
    const gap = Math.abs(measured.value - limit);
    const percent = Math.round((gap / limit) * 100);
    // A percentage of a near-zero limit says nothing, so it is left out there.
    const relative = percent <= 999 ? ` (${percent}%)` : "";
    const margin = met
      ? `${round(gap)} ${measured.unit} to spare`
      : `missed by ${round(gap)} ${measured.unit}${relative}`;
    return {
      id,
      label,
      at,
      target,
      value: measured.value,
      unit: measured.unit,
      status: met ? "met" : "missed",
      margin,
    };
  });
}

/** @param {number} value */
function round(value) {
  return Number(value.toPrecision(3));
}
