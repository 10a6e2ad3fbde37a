// The hand-off on Cloudflare: a message on a Queue. The queue consumer (this same Worker) runs
// phase 2 with retries and, when they are spent, the dead-letter queue tells the asker. Why not
// ctx.waitUntil alone: work it keeps alive is cut off about 30 s after the response, and nothing
// retries it when it fails.
import type { Logger } from "../../observe/log.js";
import type { FulfilJob, HandOff } from "../../phase2/job.js";
import type { DigestJob } from "../../digest/digestJob.js";
import type { TickJob } from "./tickJob.js";

/** What the queue carries: a command's or a click's job, a digest run the cron started, or a tick to retry. */
export type QueuedJob = FulfilJob | DigestJob | TickJob;

export function createQueueHandOff(queue: Queue<QueuedJob>, log: Logger): HandOff {
  return async (job) => {
    try {
      await queue.send(job, { contentType: "json" });
    } catch (error) {
      // Never the job in the log: it holds the response_url.
      log.error("queue send failed", { phase: "acknowledge", requestId: job.requestId, error: (error as Error).name });
      throw error;
    }
  };
}
