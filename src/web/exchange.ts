// One HTTP exchange as the web routes (install pages, the OAuth callback, the Events API) see it,
// apart from any runtime: each runtime's translator builds a WebRequest and writes the WebResponse.

export interface WebRequest {
  method: string;
  /** The URL's path, without the query. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case; `cookie` as the browser sent it. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: Slack's signature covers these bytes. */
  rawBody: Uint8Array;
}

export interface WebResponse {
  status: number;
  /** Lower-case names; at most one `set-cookie`. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Pages carry no script and load nothing from elsewhere; the one inline stylesheet is allowed by
 * `style-src 'unsafe-inline'` (a page without script cannot be made to inject one).
 */
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  // The callback's URL holds a code and a state: never send it on to a page linked from ours.
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): WebResponse {
  return { status, headers: { ...PAGE_HEADERS, ...headers }, body: html };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): WebResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: text };
}

export function jsonResponse(status: number, value: unknown): WebResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(value) };
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const pair of (cookieHeader ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  maxAgeSeconds: number;
  /** False only for a plain-http loopback address, where browsers would drop a Secure cookie. */
  secure: boolean;
}

/** An HttpOnly, SameSite=Lax cookie: sent on the top-level navigation back from Slack, never to scripts. */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
