// Loopback stand-ins for the tests: the tracker site and Slack's response_url come from
// ./loopback.mjs, which bench/ shares; `eventually` waits for what they record.
export {
  startLoopbackServer,
  startSlackCatcher,
  startTrackerServer,
  type Handler,
  type LoopbackServer,
  type RecordedRequest,
} from "./loopback.mjs";

/** Waits until `predicate` holds, polling; fails the test with `what` after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
