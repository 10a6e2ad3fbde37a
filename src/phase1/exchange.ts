// The HTTP exchange as the app core sees it, independent of node:http, Function URL events or
// Workers' Request. Each runtime translates its own request into this and this back into its own.
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
