// The hand-off on Cloudflare: a message on a Queue. The queue consumer (this same Worker) runs
// phase 2 with retries and, when they are spent, the dead-letter queue tells the asker. Why not
// ctx.waitUntil alone: work it keeps alive is cut off about 30 s after the response, and nothing
// retries it when it fails.
import type { Logger } from "../../observe/log.js";
import type { HandOff } from "../../app/ports.js";
import type { Job } from "../../app/jobs.js";
import { describeFailure } from "../../observe/describeFailure.js";

export function createQueueHandOff(queue: Queue<Job>, log: Logger): HandOff {
  return async (job) => {
    try {
      await queue.send(job, { contentType: "json" });
    } catch (error) {
      // Never the job in the log: it holds the response_url.
      const requestId = "requestId" in job ? job.requestId : undefined;
      log.error("queue send failed", { phase: "acknowledge", requestId, ...describeFailure(error) });
      throw error;
    }
  };
}
