// Which URLs phase 2 may POST to. Slack's response_url arrives inside the (signed) request, but
// we still only ever post to the hosts the admin allowed: https, or http on loopback.

export interface AllowedHost {
  hostname: string;
  /** When absent, any port of the host is allowed. */
  port?: string;
}

export function parseAllowedHosts(text: string): AllowedHost[] {
  return text
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(`http://${entry}`);
      return url.port ? { hostname: url.hostname, port: url.port } : { hostname: url.hostname };
    });
}

export function isLoopbackHostname(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The URL to post to, or a reason it is refused (the reason never repeats the URL: it is a secret). */
export function checkResponseUrl(
  text: string,
  allowed: readonly AllowedHost[],
): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "response_url is not a URL" };
  }
  if (url.username || url.password) return { ok: false, reason: "response_url carries credentials" };
  const loopback = isLoopbackHostname(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return { ok: false, reason: "response_url must be https" };
  }
  const port = url.port;
  const permitted = allowed.some(
    (host) => host.hostname === url.hostname && (host.port === undefined || host.port === port),
  );
  if (!permitted) return { ok: false, reason: `response_url host ${url.hostname} is not in SLACK_RESPONSE_URL_HOSTS` };
  return { ok: true, url };
}

/** Where a digest may post: https, or http on this machine (tests, a local catcher); no credentials in the URL. */
export function isWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHostname(url.hostname));
}
