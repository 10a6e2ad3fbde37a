// Slack mrkdwn escaping. Slack treats &, < and > as control characters ("<!channel>", "<@U123>",
// "<url|label>"), so any scraped or user-typed text must have them turned into entities before it
// goes into a mrkdwn field, or a truck called "<!channel> Free Tacos" would ping the whole channel.
// (Slack has no escape for *, _, ~ or `: those can still style text, but cannot ping or link.)

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * `<url|label>` with the label escaped. The link is only kept for an http(s) URL with nothing that
 * could end or split the link syntax (|, <, >, whitespace, control characters); otherwise the
 * result is just the escaped label, so a hostile URL degrades to plain text.
 */
export function linkMrkdwn(url: string, label: string): string {
  const text = escapeMrkdwn(label === "" ? url : label);
  if (!isSafeLinkUrl(url)) return text;
  return `<${escapeMrkdwn(url)}|${text}>`;
}

export function isSafeLinkUrl(url: string): boolean {
  if (!/^https?:\/\/[^\s|<>\u0000-\u001f\u007f-\u009f]+$/i.test(url)) return false; // eslint-disable-line no-control-regex
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}
