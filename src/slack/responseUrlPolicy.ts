// Which URLs phase 2 may POST to. Slack's response_url arrives inside the (signed) request, but
// we still only ever post to the hosts the admin allowed, under net/secureUrl.ts's rule.
import { checkSecureUrl, secureUrl } from "../net/secureUrl.js";

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

/** The URL to post to, or a reason it is refused (the reason never repeats the URL: it is a secret). */
export function checkResponseUrl(
  text: string,
  allowed: readonly AllowedHost[],
): { ok: true; url: URL } | { ok: false; reason: string } {
  const check = checkSecureUrl(text);
  if (!check.ok) return { ok: false, reason: RESPONSE_URL_PROBLEMS[check.problem] };
  const { url } = check;
  const port = url.port;
  const permitted = allowed.some(
    (host) => host.hostname === url.hostname && (host.port === undefined || host.port === port),
  );
  if (!permitted) return { ok: false, reason: `response_url host ${url.hostname} is not in SLACK_RESPONSE_URL_HOSTS` };
  return { ok: true, url };
}

/** Where a digest may post: https, or http on this machine (tests, a local catcher); no credentials in the URL. */
export function isWebhookUrl(text: string): boolean {
  return secureUrl(text) !== undefined;
}

const RESPONSE_URL_PROBLEMS = {
  "not-a-url": "response_url is not a URL",
  credentials: "response_url carries credentials",
  "not-https": "response_url must be https",
} as const;
