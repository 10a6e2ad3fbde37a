// The local runtimes' hand-off: each job runs once, after the answer, at most `maxRunning` at a
// time (the rest in order, Home jobs first), a crash is logged without stopping the others, and
// idle() waits for the jobs still waiting their turn as well as those running.
import { describe, expect, it } from "vitest";
import type { Job, TickJob } from "../../src/app/jobs.js";
import type { HomeJob } from "../../src/phase2/homeJob.js";
import { createLogger } from "../../src/observe/log.js";
import { createInProcessHandOff } from "../../src/runtimes/local/inProcessHandOff.js";

const tick = (minute: number): TickJob => ({
  kind: "tick",
  time: `2026-12-02T15:${String(minute).padStart(2, "0")}:00Z`,
});
const home: HomeJob = { kind: "home", teamId: "T1", userId: "U1", task: { type: "publish" } };
const nameOf = (job: Job) => ("kind" in job && job.kind === "tick" ? job.time.slice(14, 16) : "home");

/** A runner whose jobs finish when the test says so. */
function gatedRunner() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  let running = 0;
  let mostAtOnce = 0;
  const run = (job: Job) => {
    started.push(nameOf(job));
    mostAtOnce = Math.max(mostAtOnce, ++running);
    return new Promise<void>((resolve) =>
      finishers.set(nameOf(job), () => {
        running--;
        resolve();
      }),
    );
  };
  const finish = (name: string) => finishers.get(name)!();
  return { run, started, finish, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the in-process hand-off", () => {
  it("starts a job only after the hand-off has returned (the answer goes out first)", async () => {
    const runner = gatedRunner();
    const { handOff } = createInProcessHandOff(
      runner.run,
      createLogger(() => {}),
      2,
    );
    await handOff(tick(0));
    expect(runner.started).toEqual([]);
    await settle();
    expect(runner.started).toEqual(["00"]);
  });

  it("runs at most maxRunning jobs at once, the others in the order handed off, Home jobs first", async () => {
    const runner = gatedRunner();
    const work = createInProcessHandOff(
      runner.run,
      createLogger(() => {}),
      2,
    );
    for (const minute of [1, 2, 3, 4]) await work.handOff(tick(minute));
    await settle();
    await work.handOff(home);
    await settle();
    expect(runner.started).toEqual(["01", "02"]);

    let idle = false;
    void work.idle().then(() => (idle = true));
    runner.finish("01");
    await settle();
    expect(runner.started).toEqual(["01", "02", "home"]);
    runner.finish("home");
    runner.finish("02");
    await settle();
    expect(runner.started).toEqual(["01", "02", "home", "03", "04"]);
    expect(idle).toBe(false);
    runner.finish("03");
    runner.finish("04");
    await work.idle();
    expect(idle).toBe(true);
    expect(runner.mostAtOnce()).toBe(2);
  });

  it("logs a crashed job and goes on with the next", async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const work = createInProcessHandOff(
      async (job) => {
        ran.push(nameOf(job));
        if (nameOf(job) === "01") throw new Error("boom");
      },
      createLogger((line) => lines.push(line)),
      1,
    );
    await work.handOff(tick(1));
    await work.handOff(tick(2));
    await work.idle();
    expect(ran).toEqual(["01", "02"]);
    expect(lines.map((line) => JSON.parse(line) as { level: string; msg: string })).toEqual([
      expect.objectContaining({ level: "error", msg: "job crashed", phase: "job" }),
    ]);
  });

  it("is idle at once when nothing was handed off", async () => {
    const work = createInProcessHandOff(
      async () => {},
      createLogger(() => {}),
    );
    await expect(work.idle()).resolves.toBeUndefined();
  });
});
