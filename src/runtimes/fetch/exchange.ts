// Between the Fetch API's Request/Response (Workers, Deno, Bun, Node's own) and the app core's exchange.
import { MAX_BODY_BYTES } from "../../phase1/checkSlackRequest.js";
import { rawBodyOf, type InboundRequest, type OutboundResponse } from "../../web/exchange.js";

/** The request with its body, or undefined when the body is over MAX_BODY_BYTES (reading stops there). */
export async function toInboundRequest(request: Request): Promise<InboundRequest | undefined> {
  const headers: Record<string, string> = {};
  // Header names arrive in lower case, as InboundRequest wants them.
  request.headers.forEach((value, name) => (headers[name] = value));
  const body = await readCapped(request, MAX_BODY_BYTES);
  const url = new URL(request.url);
  return body && { method: request.method, path: url.pathname, query: url.search.slice(1), headers, rawBody: body };
}

export function toResponse(response: OutboundResponse): Response {
  const headers = new Headers(response.headers);
  for (const cookie of response.cookies ?? []) headers.append("set-cookie", cookie);
  return new Response(response.body, { status: response.status, headers });
}

async function readCapped(request: Request, maxBytes: number): Promise<Buffer | undefined> {
  if (Number(request.headers.get("content-length")) > maxBytes) return undefined;
  const chunks: Uint8Array[] = [];
  if (request.body) {
    const reader = (request.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(chunk.value);
    }
  }
  return rawBodyOf(chunks);
}
