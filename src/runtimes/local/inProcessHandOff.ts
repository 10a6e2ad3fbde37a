// The hand-off of the local runtimes (HTTP server and Socket Mode): the job runs in this process
// after the answer has been sent, the in-process stand-in for an async invoke or a queue.
import type { HandOff } from "../../app/ports.js";
import type { Job } from "../../app/jobs.js";
import type { Logger } from "../../observe/log.js";
import { describeFailure } from "../../observe/describeFailure.js";

export interface InProcessHandOff {
  handOff: HandOff;
  /** Resolves when every job started so far has finished (tests, graceful shutdown). */
  idle: () => Promise<void>;
}

export function createInProcessHandOff(run: (job: Job) => Promise<unknown>, log: Logger): InProcessHandOff {
  const pending = new Set<Promise<unknown>>();
  const handOff: HandOff = async (job) => {
    // setImmediate: the job starts only after the answer has been written.
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(job))
      .catch((error: unknown) => log.error("job crashed", { phase: "job", ...describeFailure(error) }))
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
