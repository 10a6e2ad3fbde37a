// The receiver's share of Slack's 3 seconds. Slack shows the user an error at 3 s; the cold start
// and the answer's way back need some of them, so the AWS calls phase 1 makes (the signing secret
// from SSM, the worker's invoke), retries included, get this much, counted from the event's arrival.
import { OutOfTime } from "../../phase1/outOfTime.js";
import { HttpFailure } from "../../net/httpRequest.js";

export const RECEIVER_BUDGET_MS = 2_500;

/** An AWS call that timed out or found no time left is phase 1's OutOfTime: the user may try again. */
export function outOfTimeIfTimedOut(error: unknown): never {
  if (error instanceof HttpFailure && (error.kind === "timeout" || error.kind === "connect-timeout"))
    throw new OutOfTime(error.message);
  throw error;
}
