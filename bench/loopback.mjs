// Loopback stand-ins for what surrounds slacktrux: the tracker site, Slack's response_url (a
// catcher that tells the benchmark when each message arrives) and Lambda's Invoke API (202).
// Everything listens on 127.0.0.1 only.
import http from "node:http";

function listen(handler) {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ server, url, close });
    });
  });
}

function readAll(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** Serves one HTML page at every path, with no validators: every fetch is a full download. */
export async function startTracker(html) {
  const bytes = Buffer.from(html);
  let fetches = 0;
  const tracker = await listen((req, res) => {
    fetches++;
    req.resume();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": bytes.length });
    res.end(bytes);
  });
  return { ...tracker, fetches: () => fetches };
}

/**
 * Answers every POST 200 "ok", as a response_url does. `expect(path)` promises the moment
 * (performance.now()) that a message to that path has fully arrived, and the message.
 */
export async function startCatcher() {
  const waiting = new Map();
  const arrived = new Map();
  const catcher = await listen(async (req, res) => {
    const body = await readAll(req);
    const at = performance.now();
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
    const delivery = { at, message: JSON.parse(body) };
    const resolve = waiting.get(req.url);
    if (resolve) {
      waiting.delete(req.url);
      resolve(delivery);
    } else {
      arrived.set(req.url, delivery);
    }
  });
  const expect = (path) => {
    const early = arrived.get(path);
    if (early) {
      arrived.delete(path);
      return Promise.resolve(early);
    }
    return new Promise((resolve) => waiting.set(path, resolve));
  };
  return { ...catcher, expect };
}

/** Lambda's Invoke API for Event invokes: 202 at once; `jobs` keeps each payload. */
export async function startInvokeStub() {
  const jobs = [];
  const stub = await listen(async (req, res) => {
    const body = await readAll(req);
    if (
      req.method !== "POST" ||
      !/^\/2015-03-31\/functions\/[^/]+\/invocations$/.test(req.url) ||
      req.headers["x-amz-invocation-type"] !== "Event"
    ) {
      res.writeHead(400, { "content-type": "application/json" }).end('{"__type":"InvalidRequestContentException"}');
      return;
    }
    res.writeHead(202, { "content-length": "0" }).end();
    jobs.push(JSON.parse(body));
  });
  return { ...stub, jobs };
}

/** Rejects with `what` if `promise` has not settled within `ms`: a benchmark must never hang. */
export function within(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
