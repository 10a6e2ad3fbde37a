// Checks shared by the two form bodies Slack sends: slash commands and interaction payloads.

/** URLSearchParams silently keeps a stray "%" and turns bad UTF-8 into U+FFFD; we refuse such bodies. */
export function isWellFormedForm(body: string): boolean {
  if (/%(?![0-9a-fA-F]{2})/.test(body)) return false;
  // decodeURIComponent throws on percent-escapes that do not form valid UTF-8.
  try {
    for (const pair of body.split("&")) decodeURIComponent(pair.replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

/** Phase 2 POSTs to response URLs, so they must at least be web URLs (http allowed for a local fake Slack). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
