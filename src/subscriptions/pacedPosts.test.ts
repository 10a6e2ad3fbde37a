// Pacing on a fake clock: one post per second per channel, a 429 delays its channel only, and a
// bound on posts in flight.
import { describe, expect, it } from "vitest";
import type { PostResult } from "../slack/webApi.js";
import { pacePosts } from "./pacedPosts.js";

function fakeClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    nowMs: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    /** Lets every pending promise settle, then jumps to each timer in turn until none is left. */
    async run(until: Promise<unknown>) {
      let done = false;
      void until.finally(() => (done = true));
      while (!done) {
        for (let i = 0; i < 20; i++) await Promise.resolve();
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (next) {
          now = Math.max(now, next.at);
          next.resolve();
        } else await new Promise((resolve) => setImmediate(resolve));
      }
      return until;
    },
  };
}

const MESSAGE = { text: "hi" };

describe("paced posts", () => {
  it("posts to one channel at most once a second, and to other channels meanwhile", async () => {
    const clock = fakeClock();
    const starts: { channel: string; at: number }[] = [];
    const post = pacePosts(
      async (_team, channel) => {
        starts.push({ channel, at: clock.nowMs() });
        return { ok: true };
      },
      { nowMs: clock.nowMs, sleep: clock.sleep },
    );
    await clock.run(
      Promise.all([
        post("T1", "C1", MESSAGE),
        post("T1", "C1", MESSAGE),
        post("T1", "C2", MESSAGE),
        post("T2", "C1", MESSAGE),
      ]),
    );
    expect(starts).toEqual([
      { channel: "C1", at: 0 },
      { channel: "C2", at: 0 },
      { channel: "C1", at: 0 },
      { channel: "C1", at: 1000 },
    ]);
  });

  it("keeps a channel's gap for a post asked for after the previous one has gone", async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const post = pacePosts(
      async (): Promise<PostResult> => {
        starts.push(clock.nowMs());
        return { ok: true };
      },
      { nowMs: clock.nowMs, sleep: clock.sleep },
    );
    await clock.run(post("T1", "C1", MESSAGE));
    await clock.run(post("T1", "C1", MESSAGE));
    expect(starts).toEqual([0, 1000]);
  });

  it("keeps pacing a channel through the sweeps of a tick with many channels", async () => {
    const clock = fakeClock();
    const starts = new Map<string, number[]>();
    const post = pacePosts(
      async (_team, channel): Promise<PostResult> => {
        starts.set(channel, [...(starts.get(channel) ?? []), clock.nowMs()]);
        return { ok: true };
      },
      { nowMs: clock.nowMs, sleep: clock.sleep },
    );
    // Enough channels to sweep more than once (none rested yet); the last is posted to again after them.
    for (let i = 0; i < 5_000; i++) await clock.run(post("T1", `C${i}`, MESSAGE));
    await clock.run(post("T1", "C4999", MESSAGE));
    expect(starts.get("C4999")).toEqual([0, 1000]);
  });

  it("counts a channel's gap from the previous post's answer, however long Slack took", async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const post = pacePosts(
      async (): Promise<PostResult> => {
        starts.push(clock.nowMs());
        await clock.sleep(300);
        return { ok: true };
      },
      { nowMs: clock.nowMs, sleep: clock.sleep },
    );
    await clock.run(Promise.all([post("T1", "C1", MESSAGE), post("T1", "C1", MESSAGE), post("T1", "C1", MESSAGE)]));
    expect(starts).toEqual([0, 1300, 2600]);
  });

  it("waits out a 429's Retry-After for that channel only, then posts", async () => {
    const clock = fakeClock();
    const starts: { channel: string; at: number }[] = [];
    let limited = 1;
    const post = pacePosts(
      async (_team, channel): Promise<PostResult> => {
        starts.push({ channel, at: clock.nowMs() });
        if (channel === "C1" && limited-- > 0)
          return { ok: false, kind: "failed", error: "ratelimited", retryAfterMs: 30_000 };
        return { ok: true };
      },
      { nowMs: clock.nowMs, sleep: clock.sleep },
    );
    const results = await clock.run(
      Promise.all([
        post("T1", "C1", MESSAGE),
        post("T1", "C1", MESSAGE),
        post("T1", "C2", MESSAGE),
        post("T1", "C2", MESSAGE),
      ]),
    );
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    expect(starts.filter((s) => s.channel === "C1").map((s) => s.at)).toEqual([0, 30_000, 31_000]);
    expect(starts.filter((s) => s.channel === "C2").map((s) => s.at)).toEqual([0, 1000]);
  });

  it("gives up after its tries, or at once on a Retry-After beyond its bound", async () => {
    const clock = fakeClock();
    let calls = 0;
    const limited: PostResult = { ok: false, kind: "failed", error: "ratelimited", retryAfterMs: 2_000 };
    const post = pacePosts(
      async () => {
        calls++;
        return limited;
      },
      { nowMs: clock.nowMs, sleep: clock.sleep, attempts: 3 },
    );
    expect(await clock.run(post("T1", "C1", MESSAGE))).toEqual(limited);
    expect(calls).toBe(3);
    const tooLong = pacePosts(
      async () => {
        calls++;
        return { ...limited, retryAfterMs: 60_000 };
      },
      { nowMs: clock.nowMs, sleep: clock.sleep, maxRetryAfterMs: 30_000 },
    );
    await clock.run(tooLong("T1", "C1", MESSAGE));
    expect(calls).toBe(4);
  });

  it("keeps at most `concurrency` posts in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const post = pacePosts(
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return { ok: true };
      },
      { concurrency: 3 },
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => post("T1", `C${i}`, MESSAGE)));
    expect(most).toBe(3);
  });
});
