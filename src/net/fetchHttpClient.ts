// The HttpClient for runtimes without node:http (Cloudflare Workers): fetch, held to the same
// limits and failures as httpRequest. fetch has no connect event, so the connect timeout covers
// the wait for the response headers; the total timeout covers the body too; the body is read
// chunk by chunk and the read stops once it passes the cap. Redirects are left to the caller.
import { HttpFailure, withDefaults, type HttpClient, type HttpResponse } from "./httpClient.js";

export const fetchHttpClient: HttpClient = async (url, options = {}) => {
  const { method, headers, body, connectTimeoutMs, timeoutMs, maxBodyBytes } = withDefaults(options);
  // Messages name the host only: a response_url's path is a secret.
  const where = url.host;
  const controller = new AbortController();
  let failure: HttpFailure | undefined;
  const abortWith = (error: HttpFailure) => {
    failure ??= error;
    controller.abort();
  };
  const totalTimer = setTimeout(
    () => abortWith(new HttpFailure("timeout", `${where} did not answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const headersTimer = setTimeout(
    () => abortWith(new HttpFailure("connect-timeout", `could not connect to ${where} within ${connectTimeoutMs} ms`)),
    connectTimeoutMs,
  );
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        redirect: "manual",
        signal: controller.signal,
      });
    } catch (error) {
      throw failure ?? new HttpFailure("network", `request to ${where} failed (${(error as Error).name})`);
    } finally {
      clearTimeout(headersTimer);
    }
    const flatHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (flatHeaders[name.toLowerCase()] = value));
    const declared = Number(flatHeaders["content-length"]);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      await response.body?.cancel().catch(() => {});
      throw new HttpFailure("too-large", `${where} sent ${declared} bytes, over the ${maxBodyBytes}-byte limit`);
    }
    return { status: response.status, headers: flatHeaders, body: await readCapped(response, maxBodyBytes, where) };
  } catch (error) {
    throw failure ?? error;
  } finally {
    clearTimeout(totalTimer);
  }
};

async function readCapped(response: Response, maxBodyBytes: number, where: string): Promise<HttpResponse["body"]> {
  const chunks: Uint8Array[] = [];
  if (response.body) {
    // Bytes, whatever the lib typings say of a fetch body.
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    for (;;) {
      const chunk = await reader.read().catch(() => {
        throw new HttpFailure("network", `reading from ${where} failed`);
      });
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > maxBodyBytes) {
        await reader.cancel().catch(() => {});
        throw new HttpFailure("too-large", `${where} sent more than the ${maxBodyBytes}-byte limit`);
      }
      chunks.push(chunk.value);
    }
  }
  // Buffer: the HttpResponse the callers share (nodejs_compat provides it on Workers).
  return Buffer.concat(chunks);
}
