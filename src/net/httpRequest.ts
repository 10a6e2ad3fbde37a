// One HTTP exchange with hard limits, on node:http/https rather than fetch: we need a connect
// timeout, a total deadline, a body-size cap that stops reading, and redirects left to the caller.
//
// The client module is taken with process.getBuiltinModule when a request needs it, not by an ES
// `import`: Node 24 loads builtins lazily, and an ES import of node:http builds its whole module
// namespace, which cost the Lambda receiver's cold start about 40 ms there (measured; nothing on
// Node 20). The receiver talks only https to AWS, so it never loads node:http at all.
import { HttpFailure, withDefaults, type HttpRequestOptions, type HttpResponse } from "./httpClient.js";

export {
  HttpFailure,
  type HttpClient,
  type HttpFailureKind,
  type HttpRequestOptions,
  type HttpResponse,
} from "./httpClient.js";

export function httpRequest(url: URL, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const { method, headers, body, connectTimeoutMs, timeoutMs, maxBodyBytes } = withDefaults(options);
  const client =
    url.protocol === "https:" ? process.getBuiltinModule("node:https") : process.getBuiltinModule("node:http");
  // Messages name the host only: a response_url's path is a secret.
  const where = url.host;

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: HttpFailure | null, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      if (error) {
        request.destroy();
        reject(error);
      } else {
        resolve(response!);
      }
    };

    const request = client.request(url, {
      method,
      headers: body === undefined ? headers : { "content-length": String(Buffer.byteLength(body)), ...headers },
    });
    const totalTimer = setTimeout(
      () => finish(new HttpFailure("timeout", `${where} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const connectTimer = setTimeout(
      () => finish(new HttpFailure("connect-timeout", `could not connect to ${where} within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );

    request.on("socket", (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once("connect", () => clearTimeout(connectTimer));
    });
    request.on("error", (error: NodeJS.ErrnoException) =>
      finish(new HttpFailure("network", `request to ${where} failed (${error.code ?? error.name})`)),
    );
    request.on("response", (response) => {
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        return finish(
          new HttpFailure("too-large", `${where} sent ${declared} bytes, over the ${maxBodyBytes}-byte limit`),
        );
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBodyBytes) {
          finish(new HttpFailure("too-large", `${where} sent more than the ${maxBodyBytes}-byte limit`));
          return;
        }
        chunks.push(chunk);
      });
      response.on("error", () => finish(new HttpFailure("network", `reading from ${where} failed`)));
      response.on("aborted", () => finish(new HttpFailure("network", `${where} closed the connection early`)));
      response.on("end", () => {
        const flatHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) flatHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        finish(null, { status: response.statusCode ?? 0, headers: flatHeaders, body: Buffer.concat(chunks) });
      });
    });
    request.end(body);
  });
}
