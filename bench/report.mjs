// @ts-check
// Turns results.json into the table `npm run bench` prints and into docs/PERFORMANCE.md, so the
// published figures are always those of the committed results and never pasted by hand.
// `node bench/report.mjs [--results FILE] [--stdout]` writes docs/PERFORMANCE.md (or prints it).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** @typedef {any} Results results.json: JSON, read by path, so left untyped */

/** @typedef {{ section: string; label: string; value: string; unit: string; samples: string; target: string; status: string }} Row */

/** @type {[section: string, figure: string, path: string, targetId?: string][]} [section, figure, path in results, target id] */
const ROWS = [
  ["1 phase 1 in process", "p50 per command", "phase1.p50"],
  ["1 phase 1 in process", "p99 per command", "phase1.p99", "phase1P99"],
  ["1 phase 1 in process", "throughput", "phase1.throughput"],
  ["2 cold init", "receiver: import + one event", "coldInit.receiver.coldInit", "receiverColdInit"],
  ["2 cold init", "  of which import (in process)", "coldInit.receiver.import"],
  ["2 cold init", "  of which first event (in process)", "coldInit.receiver.firstEvent"],
  ["2 cold init", "worker: import + one job", "coldInit.worker.coldInit"],
  ["2 cold init", "bare node -e '' (subtracted)", "coldInit.baseline"],
  ["2 cold init", "on Node 24 (nodejs24.x): receiver", "coldInitNode24.receiver.coldInit"],
  ["2 cold init", "  of which import (in process)", "coldInitNode24.receiver.import"],
  ["2 cold init", "  receiver wall, spawn to exit", "coldInitNode24.receiver.wall"],
  ["2 cold init", "  worker", "coldInitNode24.worker.coldInit"],
  ["2 cold init", "  bare node -e '' (subtracted)", "coldInitNode24.baseline"],
  ["2 cold init", "  Bolt", "coldInitNode24.bolt.coldInit"],
  ["3 bundle size", "receiver raw", "bundleSize.receiver.raw", "receiverRaw"],
  ["3 bundle size", "receiver gzip", "bundleSize.receiver.gzip"],
  ["3 bundle size", "worker raw", "bundleSize.worker.raw"],
  ["3 bundle size", "worker gzip", "bundleSize.worker.gzip"],
  ["4 parse", "sample page (5 KB)", "parse.samplePage.throughput"],
  ["4 parse", "large page (1.1 MB)", "parse.largePage.throughput", "parseLarge"],
  ["4 parse", "large page, per parse", "parse.largePage.parseTime"],
  ["4 parse", "large page, over bytes read", "parse.largePage.throughputOfBytesRead"],
  ["4 parse", "large page, CPU share while timed", "parse.largePage.cpuShare"],
  ["4 parse", "BeautifulSoup html.parser", "parseBs4.htmlParser.throughput"],
  ["4 parse", "  ours / html.parser", "parse.vsBs4.htmlParser"],
  ["4 parse", "BeautifulSoup lxml", "parseBs4.lxml.throughput"],
  ["4 parse", "  ours / lxml", "parse.vsBs4.lxml"],
  ["5 end to end, local", "uncached p50", "endToEnd.uncached.p50", "e2eUncachedP50"],
  ["5 end to end, local", "uncached p99", "endToEnd.uncached.p99", "e2eUncachedP99"],
  ["5 end to end, local", "cached p50", "endToEnd.cached.p50", "e2eCachedP50"],
  ["5 end to end, local", "cached p99", "endToEnd.cached.p99"],
  ["5 end to end, local", "acknowledgement p50 (uncached)", "endToEnd.uncached.ackP50"],
  ["5 end to end, local", "1.1 MB page uncached p50", "endToEnd.uncachedLargePage.p50"],
  ["5 end to end, local", "1.1 MB page uncached p99", "endToEnd.uncachedLargePage.p99"],
  ["6 memory", "idle RSS", "memory.idle", "idleRss"],
  ["6 memory", "RSS after 1,000 commands", "memory.after1000"],
  ["6 memory", "RSS trend", "memory.trend", "rssTrend"],
  ["7 vs Bolt", "Bolt bundle raw", "bundleSize.bolt.raw"],
  ["7 vs Bolt", "  Bolt / ours", "sideBySide.sizeRatio", "boltSizeRatio"],
  ["7 vs Bolt", "Bolt cold init", "coldInit.bolt.coldInit"],
  ["7 vs Bolt", "  Bolt / ours", "sideBySide.coldInitRatio", "boltColdRatio"],
  ["7 vs Bolt", "Bolt ack p50 in process", "boltAck.p50"],
  ["7 vs Bolt", "  Bolt / ours", "sideBySide.ackRatio"],
  ["8 cost", "receiver handler warm p50", "lambdaDurations.receiver.p50"],
  ["8 cost", "worker handler warm p50 (uncached)", "lambdaDurations.worker.p50"],
  ["8 cost", "10k commands/month, no free tier", "cost.summary.withoutFreeTier"],
  ["8 cost", "10k commands/month, free tier", "cost.summary.withFreeTier"],
  ["8 cost", "always-on server it replaces", "cost.summary.alwaysOnServer"],
  ["9 Cloudflare Workers", "Worker bundle raw (one file: both phases)", "workers.size.worker.raw"],
  ["9 Cloudflare Workers", "Worker bundle gzip", "workers.size.worker.gzip"],
  ["9 Cloudflare Workers", "  beside: Lambda receiver gzip", "workers.size.lambdaReceiver.gzip"],
  ["9 Cloudflare Workers", "workerd ready (local Miniflare)", "workers.coldStart.ready"],
  ["9 Cloudflare Workers", "first signed command, cold isolate", "workers.coldStart.firstAck"],
  ["9 Cloudflare Workers", "warm ack p50 (queue send included)", "workers.warmAck.p50"],
  ["9 Cloudflare Workers", "warm ack p99", "workers.warmAck.p99"],
];

/**
 * @param {Results} results
 * @returns {Row[]}
 */
function cells(results) {
  /** @type {Map<string, any>} */
  const targets = new Map((results.targets ?? []).map((/** @type {any} */ target) => [target.id, target]));
  return ROWS.map(([section, label, path, targetId]) => {
    const keys = path.split(".");
    const measured = keys.reduce((/** @type {any} */ node, key) => node?.[key], results);
    const target = targetId ? targets.get(targetId) : undefined;
    const value =
      measured && typeof measured.value === "number" ? String(measured.value) : (lookupSkip(results, keys) ?? "—");
    return {
      section,
      label,
      value,
      unit: measured?.unit ?? "",
      samples: measured?.samples !== undefined ? String(measured.samples) : "",
      target: target?.target ?? "",
      status: target
        ? target.status === "met"
          ? "met"
          : target.status === "missed"
            ? `MISSED ${target.margin.replace("missed ", "")}`
            : target.status
        : "",
    };
  });
}

/** "skipped: …" from the nearest benchmark that was skipped, if any. */
/**
 * @param {Results} results
 * @param {string[]} keys
 * @returns {string | undefined}
 */
function lookupSkip(results, keys) {
  for (let depth = keys.length; depth > 0; depth--) {
    const node = keys.slice(0, depth).reduce((/** @type {any} */ n, key) => n?.[key], results);
    if (node?.skipped) return node.skipped;
  }
  return undefined;
}

/** @param {Results} results */
export function formatText(results) {
  const rows = cells(results);
  /** @type {Row} */
  const headers = {
    section: "benchmark",
    label: "figure",
    value: "value",
    unit: "unit",
    samples: "n",
    target: "target",
    status: "",
  };
  const columns = /** @type {(keyof Row)[]} */ (Object.keys(headers));
  const width = Object.fromEntries(
    columns.map((c) => [c, Math.max(headers[c].length, ...rows.map((r) => r[c].length))]),
  );
  /** @param {Row} row */
  const line = (row) =>
    columns
      .map((c) => (c === "value" || c === "samples" ? row[c].padStart(width[c] ?? 0) : row[c].padEnd(width[c] ?? 0)))
      .join("  ")
      .trimEnd();
  let previous = "";
  const body = rows.map((row) => {
    const shown = { ...row, section: row.section === previous ? "" : row.section };
    previous = row.section;
    return line(shown);
  });
  return [line(headers), columns.map((c) => "-".repeat(width[c] ?? 0)).join("  "), ...body].join("\n");
}

/** @param {Results} results */
export function formatMarkdown(results) {
  const rows = cells(results);
  let previous = "";
  const lines = rows.map((row) => {
    const section = row.section === previous ? "" : row.section;
    previous = row.section;
    const value = row.unit === "$/month" ? `$${row.value}` : `${row.value} ${row.unit}`.trim();
    const label = row.label.startsWith("  ") ? `↳ ${row.label.trim()}` : row.label;
    return `| ${section} | ${label} | ${value} | ${row.samples} | ${row.target} | ${row.status} |`;
  });
  return ["| benchmark | figure | value | n | target | |", "| --- | --- | ---: | ---: | --- | --- |", ...lines].join(
    "\n",
  );
}

/** The cost model's lines for 10,000 commands a month, both scenarios, in Markdown. */
/** @param {Results} results */
export function formatCostMarkdown(results) {
  const { everyCommandCold: cold, everyCommandWarm: warm, memory } = results.cost;
  const dollars = (/** @type {number | string} */ value) => `$${value}`;
  const rows = [
    [
      "billed ms per command (receiver / worker)",
      `${cold.billedMsPerCommand.receiver} / ${cold.billedMsPerCommand.worker}`,
      `${warm.billedMsPerCommand.receiver} / ${warm.billedMsPerCommand.worker}`,
    ],
    ["GB-seconds a month", cold.gbSecondsPerMonth, warm.gbSecondsPerMonth],
    [
      "Lambda requests (20,000: receiver + async invoke)",
      dollars(cold.withoutFreeTier.lambdaRequests),
      dollars(warm.withoutFreeTier.lambdaRequests),
    ],
    [
      `Lambda duration (arm64, ${memory.receiverMb} MB + ${memory.workerMb} MB)`,
      dollars(cold.withoutFreeTier.lambdaDuration),
      dollars(warm.withoutFreeTier.lambdaDuration),
    ],
    [
      "DynamoDB on-demand writes (claim + confirm per command)",
      dollars(cold.withoutFreeTier.dynamoDbWrites),
      dollars(warm.withoutFreeTier.dynamoDbWrites),
    ],
    [
      "CloudWatch Logs ingestion",
      dollars(cold.withoutFreeTier.cloudWatchLogs),
      dollars(warm.withoutFreeTier.cloudWatchLogs),
    ],
    ["Function URL, SQS (unused on success)", "$0", "$0"],
    [
      "**total, no free tier**",
      `**${dollars(cold.withoutFreeTier.total)}**`,
      `**${dollars(warm.withoutFreeTier.total)}**`,
    ],
    [
      "**total, with the free tier**",
      `**${dollars(cold.withFreeTier.total)}**`,
      `**${dollars(warm.withFreeTier.total)}**`,
    ],
  ];
  return [
    "| 10,000 commands a month | every command cold (the estimate) | every command warm (the floor) |",
    "| --- | ---: | ---: |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

/** @param {Results} results */
export function formatMachine(results) {
  const { machine } = results;
  const busy = Object.values(machine.busyPercentDuring ?? {}).filter((value) => typeof value === "number");
  const busyText = busy.length
    ? `, all cores ${Math.min(...busy)}–${Math.max(...busy)}% busy during the benchmarks`
    : "";
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}; load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}${busyText}; run took ${results.durationSeconds} s${results.quick ? " (quick)" : ""}, ${results.startedAt}`;
}

export const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));
export const DOCUMENT_PATH = fileURLToPath(new URL("../docs/PERFORMANCE.md", import.meta.url));
const NOTES_PATH = fileURLToPath(new URL("../docs/PERFORMANCE.notes.md", import.meta.url));

/**
 * The hand-written notes, by section title ("## title"), without the leading comment.
 * @param {string} text
 * @returns {Map<string, string>}
 */
export function parseNotes(text) {
  const sections = new Map();
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, "");
  for (const part of withoutComments.split(/^## /m).slice(1)) {
    const newline = part.indexOf("\n");
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1).trim());
  }
  return sections;
}

/** Each target with its figure and margin, and the note explaining it when there is one. */
/**
 * @param {Results} results
 * @param {Map<string, string>} notes
 */
function formatTargets(results, notes) {
  return (results.targets ?? [])
    .map((/** @type {any} */ target) => {
      const figure = typeof target.value === "number" ? `${target.value} ${target.unit}` : "not measured";
      const outcome = target.status === "met" ? `met, ${target.margin}` : (target.margin ?? target.status);
      const note = notes.get(`target: ${target.id}`);
      const line = `- **${target.label}**: ${figure} against ${target.target} — ${outcome}.`;
      return note ? `${line}\n\n  ${note.replace(/\n/g, "\n  ")}\n` : line;
    })
    .join("\n")
    .trimEnd();
}

/** docs/PERFORMANCE.md for one run: the notes around the figures. */
/**
 * @param {Results} results
 * @param {string} notesText docs/PERFORMANCE.notes.md
 */
export function formatDocument(results, notesText) {
  const notes = parseNotes(notesText);
  const section = (/** @type {string} */ title) => notes.get(title) ?? "";
  const met = (results.targets ?? []).filter((/** @type {any} */ target) => target.status === "met").length;
  return [
    "<!-- Generated by `node bench/report.mjs` from bench/results.json and docs/PERFORMANCE.notes.md. Do not edit: a test compares it. -->",
    "# Performance",
    section("How to run"),
    "## Last full run",
    `${formatMachine(results)}.`,
    formatMarkdown(results),
    `## Targets (${met} of ${(results.targets ?? []).length} met)`,
    formatTargets(results, notes),
    "## What the rows measure",
    section("What the rows measure"),
    "## Cost of 10,000 commands a month (benchmark 8)",
    section("Cost model"),
    formatCostMarkdown(results),
  ]
    .filter((part) => part !== "")
    .join("\n\n")
    .concat("\n");
}

/** Writes docs/PERFORMANCE.md for these results, whole or not at all. */
/** @param {Results} results */
export function writeDocument(results) {
  writeFileSync(`${DOCUMENT_PATH}.tmp`, formatDocument(results, readFileSync(NOTES_PATH, "utf8")));
  renameSync(`${DOCUMENT_PATH}.tmp`, DOCUMENT_PATH);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { results: { type: "string", default: RESULTS_PATH }, stdout: { type: "boolean", default: false } },
  });
  const results = JSON.parse(readFileSync(values.results, "utf8"));
  if (values.stdout) {
    process.stdout.write(formatDocument(results, readFileSync(NOTES_PATH, "utf8")));
  } else {
    writeDocument(results);
    console.log(`wrote ${DOCUMENT_PATH}`);
  }
}
