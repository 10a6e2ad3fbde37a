// Block Kit as slacktrux uses it: the shape of a message (a phase 1 response body, or a POST to a
// response_url or webhook), Slack's limits, and the blocks every message is built from. Every text
// is cut to Slack's limits here: Slack rejects an oversized message outright (invalid_blocks), so
// a tracker page with a huge place must still produce a valid one. Knows nothing of food trucks.
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";
import { ELLIPSIS, truncate } from "./truncate.js";

export interface SlackMessage {
  /** Plain-text fallback: notifications, screen readers and clients that cannot show blocks. */
  text: string;
  blocks?: KnownBlock[];
  /** "ephemeral" (only the asker sees it) or "in_channel". Ignored by incoming webhooks. */
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
  delete_original?: boolean;
}

// Slack's limits (https://api.slack.com/reference/block-kit/blocks).
export const MAX_BLOCKS = 50;

export const MAX_SECTION_TEXT_CHARS = 3000;

export const MAX_HEADER_TEXT_CHARS = 150;

export const MAX_CONTEXT_ELEMENTS = 10;

export const MAX_FALLBACK_TEXT_CHARS = 3000;

export function ephemeralLines(lines: string[], reservedBlocks = 0): SlackMessage {
  return {
    response_type: "ephemeral",
    text: fallback(lines.join(" ")),
    blocks: sectionsFromLines(lines, MAX_BLOCKS - reservedBlocks, (hidden) => `_${ELLIPSIS}and ${hidden} more_`),
  };
}

/** Lines → section blocks of at most MAX_SECTION_TEXT_CHARS, at most maxBlocks; the last one summarizes what did not fit. */
export function sectionsFromLines(
  lines: string[],
  maxBlocks: number,
  overflow: (hiddenLines: number) => string,
): SectionBlock[] {
  const chunks = chunkLines(lines);
  if (chunks.length <= maxBlocks) return chunks.map(joinSection);
  const shown = chunks.slice(0, maxBlocks - 1);
  const hidden = chunks.slice(maxBlocks - 1).reduce((sum, chunk) => sum + chunk.length, 0);
  return [...shown.map(joinSection), section(overflow(hidden))];
}

/** Groups whole lines so each group joined by "\n" stays within a section's limit. */
export function chunkLines(lines: string[], max = MAX_SECTION_TEXT_CHARS): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max); // last resort; our lines are built to fit
    if (current.length > 0 && length + 1 + line.length > max) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function joinSection(lines: string[]): SectionBlock {
  return section(lines.join("\n"));
}

export function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncateMrkdwn(mrkdwn, MAX_SECTION_TEXT_CHARS) } };
}

export function header(text: string): HeaderBlock {
  // plain_text is never parsed for mentions or links, so it needs no escaping, only the length cap.
  const shown = truncate(text.trim(), MAX_HEADER_TEXT_CHARS);
  return { type: "header", text: { type: "plain_text", text: shown, emoji: true } };
}

export function context(mrkdwnTexts: string[]): ContextBlock {
  return {
    type: "context",
    elements: mrkdwnTexts
      .slice(0, MAX_CONTEXT_ELEMENTS)
      .map((text) => ({ type: "mrkdwn" as const, text: truncateMrkdwn(text, MAX_SECTION_TEXT_CHARS) })),
  };
}

/** Top-level `text` is shown in notifications and is parsed as mrkdwn too, so it is built from escaped parts. */
export function fallback(escapedText: string): string {
  if (escapedText.length <= MAX_FALLBACK_TEXT_CHARS) return escapedText;
  // Prefer to stop after a whole item: "District Taco, Pho-bachi, …".
  const limit = MAX_FALLBACK_TEXT_CHARS - ELLIPSIS.length - 2;
  const cut = Math.max(escapedText.lastIndexOf(", ", limit), escapedText.lastIndexOf("; ", limit));
  if (cut > 0) return escapedText.slice(0, cut + 2) + ELLIPSIS;
  return truncateMrkdwn(escapedText, MAX_FALLBACK_TEXT_CHARS);
}

/** Like truncate, for escaped mrkdwn: also drops an entity cut in half ("&am…"). */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -ELLIPSIS.length);
  return cut.replace(/&[a-z]{0,3}$/, "") + ELLIPSIS;
}
