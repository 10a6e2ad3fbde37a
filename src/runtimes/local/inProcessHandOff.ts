// The hand-off of the local runtimes (HTTP server and Socket Mode): phase 2 runs in this process
// after phase 1 has answered, the in-process stand-in for Lambda's async invoke.
import type { Fulfiller } from "../../phase2/createFulfiller.js";
import type { FulfilJob, HandOff } from "../../phase2/job.js";
import type { Logger } from "../../observe/log.js";

export interface InProcessHandOff {
  handOff: HandOff;
  /** Resolves when every phase 2 started so far has finished (tests, graceful shutdown). */
  idle: () => Promise<void>;
}

export function createInProcessHandOff(fulfil: Fulfiller, log: Logger): InProcessHandOff {
  const pending = new Set<Promise<unknown>>();
  const handOff = async (job: FulfilJob) => {
    // setImmediate: phase 2 starts only after phase 1 has written its answer.
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => fulfil(job))
      .catch((error: Error) =>
        log.error("fulfil crashed", { phase: "fulfil", requestId: job.requestId, error: error.message }),
      )
      .finally(() => pending.delete(work));
    pending.add(work);
  };
  return {
    handOff,
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
