// @ts-check
// Loopback stand-ins for what surrounds slacktrux — the tracker site and Slack's response_url — for
// the tests and the benchmarks alike (plain JavaScript with JSDoc types, so bench/ imports it with
// plain node). Everything listens on 127.0.0.1 only.
import http from "node:http";

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} url
 * @property {http.IncomingHttpHeaders} headers
 * @property {string} body
 * @property {number} at performance.now() when the whole body had arrived
 */

/**
 * @typedef {object} LoopbackServer
 * @property {string} url
 * @property {RecordedRequest[]} requests every request so far (none when started with `record: false`)
 * @property {() => Promise<void>} close
 */

/** @typedef {(req: RecordedRequest, res: http.ServerResponse) => unknown} Handler */

/**
 * @param {Handler} handler called once each request's body has arrived
 * @param {{ record?: boolean }} [options] `record: false` keeps no requests (long benchmark runs)
 * @returns {Promise<LoopbackServer>}
 */
export async function startLoopbackServer(handler, { record = true } = {}) {
  /** @type {RecordedRequest[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on("data", (/** @type {Buffer} */ chunk) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      if (record) requests.push(recorded);
      void handler(recorded, res);
    });
  });
  // Longer than any benchmark's pause, so kept-alive connections are reused as Slack's would be.
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Serves one HTML page at every path; `fetches()` counts the requests.
 * @param {string} html
 * @param {Record<string, string>} [headers] more response headers (validators, a content type)
 * @returns {Promise<LoopbackServer & { fetches(): number }>}
 */
export async function startTrackerServer(html, headers = {}) {
  const bytes = Buffer.from(html);
  let fetches = 0;
  const tracker = await startLoopbackServer((_req, res) => {
    fetches++;
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-length": String(bytes.length),
      ...headers,
    });
    res.end(bytes);
  });
  return { ...tracker, fetches: () => fetches };
}

/**
 * @typedef {object} Delivery
 * @property {number} at performance.now() when the message had fully arrived
 * @property {unknown} message the JSON posted
 */

/**
 * Answers every POST 200 "ok", as Slack's response_url does. `expect(path)` resolves with the
 * message posted to that path (already or later) and the moment it arrived.
 * @param {{ record?: boolean }} [options]
 * @returns {Promise<LoopbackServer & { expect(path: string): Promise<Delivery> }>}
 */
export async function startSlackCatcher(options = {}) {
  /** @type {Map<string, (delivery: Delivery) => void>} */
  const waiting = new Map();
  /** @type {Map<string, Delivery>} */
  const arrived = new Map();
  const catcher = await startLoopbackServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
    /** @type {unknown} */
    let message;
    try {
      message = JSON.parse(req.body);
    } catch {
      message = req.body;
    }
    const delivery = { at: req.at, message };
    const resolve = waiting.get(req.url);
    if (resolve) {
      waiting.delete(req.url);
      resolve(delivery);
    } else if (options.record === false) {
      arrived.set(req.url, delivery);
    }
  }, options);
  /** @param {string} path */
  const expect = (path) => {
    const early = arrived.get(path) ?? findRecorded(path);
    if (early) {
      arrived.delete(path);
      return Promise.resolve(early);
    }
    return new Promise((resolve) => waiting.set(path, resolve));
  };
  /** @param {string} path @returns {Delivery | undefined} */
  const findRecorded = (path) => {
    const request = catcher.requests.find((r) => r.url === path);
    return request ? { at: request.at, message: /** @type {unknown} */ (JSON.parse(request.body)) } : undefined;
  };
  return { ...catcher, expect };
}
