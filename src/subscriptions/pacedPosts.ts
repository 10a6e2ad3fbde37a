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
  /** Least time between the starts of two posts to one channel. */
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
  // A second and a margin: Slack counts posts as they arrive, and a post's way there (its token
  // read, a busy event loop) can take longer than the next one's, which would then land early.
  channelGapMs: 1_050,
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
      const retryAfterMs = result.ok ? undefined : result.retryAfterMs;
      if (retryAfterMs === undefined || attempt >= attempts || retryAfterMs > maxRetryAfterMs) return result;
      channel.notBeforeMs = Math.max(channel.notBeforeMs, nowMs() + retryAfterMs);
    }
  }

  return (teamId, to, message) => {
    const key = `${teamId}/${to}`;
    let channel = channels.get(key);
    if (!channel) channels.set(key, (channel = { notBeforeMs: 0, tail: Promise.resolve(), queued: 0 }));
    const here = channel;
    here.queued++;
    const turn = here.tail.then(() => send(here, teamId, to, message));
    here.tail = turn.catch(() => undefined);
    return turn.finally(() => {
      // A channel with nothing queued is forgotten (the next tick is a minute away): memory follows the tick's size.
      if (--here.queued === 0) channels.delete(key);
    });
  };
}

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
