// @ts-check
// Loopback stand-ins for what surrounds slacktrux in a benchmark: the tracker site and Slack's
// response_url are the tests' own (test/helpers/loopback.mjs); Lambda's Invoke API is here.
// Everything listens on 127.0.0.1 only.
import { startLoopbackServer, startSlackCatcher, startTrackerServer } from "../../test/helpers/loopback.mjs";

/** The tracker: one HTML page at every path, with no validators, so every fetch is a full download. */
export const startTracker = startTrackerServer;

/** Slack's response_url; `expect(path)` gives the moment each message arrived. Keeps no history. */
export const startCatcher = () => startSlackCatcher({ record: false });

/** Lambda's Invoke API for Event invokes: 202 at once; `jobs` keeps each payload. */
export async function startInvokeStub() {
  /** @type {unknown[]} */
  const jobs = [];
  const stub = await startLoopbackServer(
    (req, res) => {
      if (
        req.method !== "POST" ||
        !/^\/2015-03-31\/functions\/[^/]+\/invocations$/.test(req.url) ||
        req.headers["x-amz-invocation-type"] !== "Event"
      ) {
        res.writeHead(400, { "content-type": "application/json" }).end('{"__type":"InvalidRequestContentException"}');
        return;
      }
      res.writeHead(202, { "content-length": "0" }).end();
      jobs.push(JSON.parse(req.body));
    },
    { record: false },
  );
  return { ...stub, jobs };
}

/**
 * Rejects with `what` if `promise` has not settled within `ms`: a benchmark must never hang.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function within(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
