// The one rule for every URL slacktrux is given to call or link to (Slack's API, response_urls,
// webhooks, its own public address): https, or plain http only on this machine (a stand-in for
// Slack in tests, a local try), and never a user name or password inside the URL.

export type SecureUrlCheck = { ok: true; url: URL } | { ok: false; problem: "not-a-url" | "credentials" | "not-https" };

/**
 * localhost, 127.0.0.0/8 and ::1: this machine. A hostname as URL gives it (IPv6 in brackets, IPv4
 * normalised); bare "::1" is accepted too.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The URL, or which part of the rule it breaks (the answer never repeats the URL: it may be a secret). */
export function checkSecureUrl(text: string): SecureUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: "not-a-url" };
  }
  if (url.username || url.password) return { ok: false, problem: "credentials" };
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHostname(url.hostname));
  return secure ? { ok: true, url } : { ok: false, problem: "not-https" };
}

/** The URL when it follows the rule; otherwise undefined. */
export function secureUrl(text: string): URL | undefined {
  const check = checkSecureUrl(text);
  return check.ok ? check.url : undefined;
}
