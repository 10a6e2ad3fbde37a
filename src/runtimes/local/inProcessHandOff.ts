// The hand-off of the local runtimes (HTTP server and Socket Mode): the job runs in this process
// after the answer has been sent, the in-process stand-in for an async invoke or a queue.
//
// Jobs and acks share this process's one thread, and the database driver is synchronous (each
// commit waits for the disk): with no bound, a burst of commands started every job at once, and
// their writes and deliveries kept the acks of the requests still arriving waiting for seconds,
// past Slack's 3 s. So at most `maxRunning` jobs run at once and the rest wait their turn, in
// order; Home jobs go first, as a modal's trigger_id lasts 3 s.
import type { HandOff } from "../../app/ports.js";
import { jobKind, type Job } from "../../app/jobs.js";
import type { Logger } from "../../observe/log.js";
import { describeFailure } from "../../observe/describeFailure.js";

/** Jobs running at once by default: enough to overlap their network waits, few enough to leave the thread to the acks. */
export const MAX_RUNNING_JOBS = 16;

export interface InProcessHandOff {
  handOff: HandOff;
  /** Resolves when every job handed off so far has finished (tests, graceful shutdown). */
  idle: () => Promise<void>;
}

export function createInProcessHandOff(
  run: (job: Job) => Promise<unknown>,
  log: Logger,
  maxRunning = MAX_RUNNING_JOBS,
): InProcessHandOff {
  /** Home jobs, then the others: each in the order handed off. */
  const homeJobs: Job[] = [];
  const otherJobs: Job[] = [];
  const running = new Set<Promise<void>>();
  let whenIdle: { promise: Promise<void>; resolve: () => void } | undefined;

  const start = (job: Job) => {
    const work: Promise<void> = Promise.resolve()
      .then(() => run(job))
      .then(
        () => {},
        (error: unknown) => log.error("job crashed", { phase: "job", ...describeFailure(error) }),
      )
      .finally(() => {
        running.delete(work);
        startWaiting();
      });
    running.add(work);
  };
  const startWaiting = () => {
    while (running.size < maxRunning) {
      const next = homeJobs.shift() ?? otherJobs.shift();
      if (next === undefined) break;
      start(next);
    }
    if (running.size === 0 && whenIdle) {
      whenIdle.resolve();
      whenIdle = undefined;
    }
  };

  const handOff: HandOff = async (job) => {
    (jobKind(job) === "home" ? homeJobs : otherJobs).push(job);
    // setImmediate: the job starts only after the answer has been written.
    setImmediate(startWaiting);
  };
  return {
    handOff,
    idle: () => {
      if (running.size === 0 && homeJobs.length === 0 && otherJobs.length === 0) return Promise.resolve();
      if (!whenIdle) {
        let resolve!: () => void;
        const promise = new Promise<void>((done) => (resolve = done));
        whenIdle = { promise, resolve };
      }
      return whenIdle.promise;
    },
  };
}
