// What may be shown of the tracker's address — in Slack's "Source" link and in every log line:
// its origin and path. A query can carry an API key; credentials are refused at start-up, and this
// drops them too, so nothing else has to remember.
export function publicTrackerAddress(location: URL): string {
  if (location.protocol === "file:") return `file://${location.pathname}`;
  return location.origin + location.pathname;
}
