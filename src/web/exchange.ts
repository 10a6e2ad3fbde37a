// The HTTP exchange as the app core sees it — one type for every route (Slack's requests, the
// install pages, the OAuth callback, the Events API), independent of node:http, Function URL
// events or Workers' Request. Each runtime translates its own request into this and this back
// into its own.
export interface InboundRequest {
  method: string;
  /** The path alone, e.g. "/slack/commands": what routes a request. */
  path: string;
  /** The query string without its "?" ("" when none): OAuth's redirect carries code and state here. */
  query: string;
  /** Header names in lower case; several values joined with ", " (cookie included, as sent). */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: Buffer;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  /** Each a Set-Cookie header's value: one header cannot carry several cookies. */
  cookies?: string[];
  body: string;
}

/** Body chunks as InboundRequest holds them. (Typed here: Workers' types declare Buffer as any.) */
export function rawBodyOf(chunks: readonly Uint8Array[]): Buffer {
  return Buffer.concat(chunks);
}

/** "/path?query" (a request target or a URL's path and search) as InboundRequest's two fields. */
export function splitTarget(target: string): { path: string; query: string } {
  const at = target.indexOf("?");
  return at < 0
    ? { path: target || "/", query: "" }
    : { path: target.slice(0, at) || "/", query: target.slice(at + 1) };
}

export function jsonResponse(status: number, value: unknown): OutboundResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(value) };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: text };
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers: { "content-type": "text/html; charset=utf-8", ...headers }, body: html };
}

/** 302 to `location` (an OAuth hop, a page after a form). */
export function redirectResponse(location: string, cookies?: string[]): OutboundResponse {
  return { status: 302, headers: { location }, body: "", ...(cookies ? { cookies } : {}) };
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

/** One of our pages: HTML with the headers above; `cookies` as Set-Cookie values. */
export function pageResponse(
  status: number,
  html: string,
  headers: Record<string, string> = {},
  cookies?: string[],
): OutboundResponse {
  return { status, headers: { ...PAGE_HEADERS, ...headers }, body: html, ...(cookies ? { cookies } : {}) };
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
