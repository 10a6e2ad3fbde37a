// How a tick's posts reach Slack: many at once, but never faster than Slack allows in any one
// channel. Slack takes about one chat.postMessage per second per channel and answers 429 with a
// Retry-After beyond that, so each channel (per workspace) keeps its own "not before" time: a
// post waits for its channel only, a 429 pushes back that channel only, and every other channel
// goes on. A bound on posts in flight keeps a big tick from opening thousands of connections.
import type { SlackMessage } from "../slack/blockKit.js";
import type { PostResult } from "../slack/webApi.js";

/** Posts `message` to `channel` in workspace `teamId` with that workspace's bot token. */
export type PostToTeam = (teamId: string, channel: string, message: SlackMessage) => Promise<PostResult>;

export interface PacingOptions {
  /** Posts in flight at once, across channels. */
  concurrency: number;
  /** Least time between one post's answer and the next post to its channel. */
  channelGapMs: number;
  /** Tries per post, first included, when Slack rate-limits it. */
  attempts: number;
  /** The longest Retry-After waited for; beyond it the post fails (a later tick may catch it up). */
  maxRetryAfterMs: number;
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_PACING: PacingOptions = {
  concurrency: 50,
  channelGapMs: 1_000,
  attempts: 3,
  maxRetryAfterMs: 30_000,
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

interface Channel {
  /** No post to this channel starts before this (epoch ms). */
  notBeforeMs: number;
  /** The last post queued here: the next one waits for it, so a channel's posts go in order. */
  tail: Promise<unknown>;
  queued: number;
}

export function pacePosts(post: PostToTeam, options: Partial<PacingOptions> = {}): PostToTeam {
  const { concurrency, channelGapMs, attempts, maxRetryAfterMs, nowMs, sleep } = { ...DEFAULT_PACING, ...options };
  const channels = new Map<string, Channel>();
  const inFlight = limit(concurrency);

  async function send(channel: Channel, teamId: string, to: string, message: SlackMessage): Promise<PostResult> {
    for (let attempt = 1; ; attempt++) {
      const waitMs = channel.notBeforeMs - nowMs();
      if (waitMs > 0) await sleep(waitMs);
      const result = await inFlight(() => {
        channel.notBeforeMs = nowMs() + channelGapMs;
        return post(teamId, to, message);
      });
      // Slack counts a post when it arrives, which may be well after it started here (its token
      // read, a busy event loop): a gap counted from the answer, which comes after the arrival,
      // holds on Slack's side too.
      channel.notBeforeMs = Math.max(channel.notBeforeMs, nowMs() + channelGapMs);
      const retryAfterMs = result.ok ? undefined : result.retryAfterMs;
      if (retryAfterMs === undefined || attempt >= attempts || retryAfterMs > maxRetryAfterMs) return result;
      channel.notBeforeMs = Math.max(channel.notBeforeMs, nowMs() + retryAfterMs);
    }
  }

  // A channel is remembered until its gap has passed, even with nothing queued: a tick asks for a
  // channel's second post whenever that run's turn comes, maybe after the first has gone. Idle,
  // rested channels are forgotten in a sweep whenever the map has doubled since the last one, so
  // memory follows the channels of the last few seconds and the sweeps cost little per post.
  let sweepAtSize = SWEEP_FROM_SIZE;
  const forgetRested = () => {
    const now = nowMs();
    for (const [key, channel] of channels) if (channel.queued === 0 && channel.notBeforeMs <= now) channels.delete(key);
    sweepAtSize = Math.max(SWEEP_FROM_SIZE, channels.size * 2);
  };

  return (teamId, to, message) => {
    const key = `${teamId}/${to}`;
    let channel = channels.get(key);
    if (!channel) {
      if (channels.size >= sweepAtSize) forgetRested();
      channels.set(key, (channel = { notBeforeMs: 0, tail: Promise.resolve(), queued: 0 }));
    }
    const here = channel;
    here.queued++;
    const turn = here.tail.then(() => send(here, teamId, to, message));
    here.tail = turn.catch(() => undefined);
    return turn.finally(() => here.queued--);
  };
}

/** The channels remembered before the first sweep for rested ones. */
const SWEEP_FROM_SIZE = 1_024;

/** Runs at most `n` of the given tasks at once, in the order they asked. */
export function limit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
