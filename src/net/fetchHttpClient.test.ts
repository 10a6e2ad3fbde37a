// The fetch-based client keeps httpRequest's promises: timeouts, a body cap that stops reading,
// redirects handed back, the host (never the path) in messages. Node's fetch stands in for
// workerd's here; test/workers/ runs it inside workerd.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoopbackServer, type LoopbackServer } from "../../test/helpers/loopbackServer.js";
import { fetchHttpClient } from "./fetchHttpClient.js";
import { HttpFailure } from "./httpRequest.js";

let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    if (req.url.startsWith("/hang")) return; // never answers
    if (req.url === "/drip") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>"); // headers sent, body never finished
      return;
    }
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "text/html" }); // no content-length: chunked
      res.end("x".repeat(10_000));
      return;
    }
    if (req.url === "/moved") {
      res.writeHead(302, { location: "/elsewhere" });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain", etag: '"v1"' });
    res.end(`${req.method} ${req.body}`);
  });
});
afterAll(() => server.close());

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("fetchHttpClient", () => {
  it("posts a body and returns status, lower-case headers and the body", async () => {
    const response = await fetchHttpClient(new URL(`${server.url}/echo`), { method: "POST", body: "hello" });
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"v1"');
    expect(response.body.toString("utf8")).toBe("POST hello");
  });

  it("hands a redirect back instead of following it", async () => {
    const response = await fetchHttpClient(new URL(`${server.url}/moved`));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/elsewhere");
  });

  it("gives up waiting for an answer after the connect timeout", async () => {
    const error = await failureOf(
      fetchHttpClient(new URL(`${server.url}/hang/secret-path`), { connectTimeoutMs: 100, timeoutMs: 5_000 }),
    );
    expect(error).toBeInstanceOf(HttpFailure);
    expect((error as HttpFailure).kind).toBe("connect-timeout");
    expect((error as HttpFailure).message).not.toContain("secret-path");
  });

  it("gives up on a body that never ends after the total timeout", async () => {
    const error = await failureOf(fetchHttpClient(new URL(`${server.url}/drip`), { timeoutMs: 200 }));
    expect((error as HttpFailure).kind).toBe("timeout");
  });

  it("stops reading a body over the cap", async () => {
    const error = await failureOf(fetchHttpClient(new URL(`${server.url}/big`), { maxBodyBytes: 1_000 }));
    expect((error as HttpFailure).kind).toBe("too-large");
  });

  it("reports a refused connection as a network failure", async () => {
    const error = await failureOf(fetchHttpClient(new URL("http://127.0.0.1:1/")));
    expect((error as HttpFailure).kind).toBe("network");
  });
});
