// Cutting text to one of Slack's length limits (or one of ours). Lengths are JavaScript's, UTF-16
// code units: an emoji counts twice, so a text that fits here fits however Slack counts.

export const ELLIPSIS = "…";

/** Cuts to at most `max` UTF-16 units including the "…", never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - ELLIPSIS.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}
