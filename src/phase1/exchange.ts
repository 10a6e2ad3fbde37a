// The HTTP exchange as the phases see it, independent of node:http or Lambda events.

export interface InboundRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: Buffer;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Body chunks as InboundRequest holds them. (Typed here: Workers' types declare Buffer as any.) */
export function rawBodyOf(chunks: readonly Uint8Array[]): Buffer {
  return Buffer.concat(chunks);
}

export function jsonResponse(status: number, value: unknown): OutboundResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(value) };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: text };
}
