// The round trip the local end-to-end tests share: a loopback tracker serving one page, a loopback
// response_url catcher, and the local app reading that tracker and allowed to post to the catcher.
// `useRoundTrip` starts them once for a test file, clears what the catcher recorded after each test,
// and closes everything at the end.
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Logger } from "../../src/observe/log.js";
import type { LocalServer } from "../../src/runtimes/local/server.js";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { startLocalApp } from "./localApp.js";
import { startSlackCatcher, startTrackerServer, type LoopbackServer } from "./loopbackServer.js";

export interface RoundTripOptions {
  /** Where on the tracker server the page is read from (TRACKER_URL's path). */
  trackerPath?: string;
  /** More settings for the app (TRACKER_KIND, …); TRACKER_URL and SLACK_RESPONSE_URL_HOSTS are set. */
  env?: Record<string, string>;
  log?: Logger;
}

export interface RoundTrip {
  readonly tracker: LoopbackServer;
  readonly catcher: LoopbackServer;
  readonly local: LocalServer;
  readonly baseUrl: string;
  /** A response_url on the catcher, new at each call, as Slack gives each command its own. */
  responseUrl(kind?: string): string;
  /** What phase 2 posted to the catcher since the test began, parsed. */
  posted(): SlackMessage[];
}

export function useRoundTrip(page: string, options: RoundTripOptions = {}): RoundTrip {
  let started: { tracker: LoopbackServer; catcher: LoopbackServer; local: LocalServer; baseUrl: string } | undefined;
  let count = 0;
  const get = () => {
    if (!started) throw new Error("the round trip starts in beforeAll: use it inside a test");
    return started;
  };

  beforeAll(async () => {
    const tracker = await startTrackerServer(page);
    const catcher = await startSlackCatcher();
    const { local, baseUrl } = await startLocalApp(
      {
        ...options.env,
        TRACKER_URL: tracker.url + (options.trackerPath ?? "/"),
        SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      },
      options.log ? { log: options.log } : {},
    );
    started = { tracker, catcher, local, baseUrl };
  });
  afterEach(() => {
    if (started) started.catcher.requests.length = 0;
  });
  afterAll(async () => {
    if (!started) return;
    await started.local.close();
    await started.tracker.close();
    await started.catcher.close();
  });

  return {
    get tracker() {
      return get().tracker;
    },
    get catcher() {
      return get().catcher;
    },
    get local() {
      return get().local;
    },
    get baseUrl() {
      return get().baseUrl;
    },
    responseUrl(kind = "commands") {
      count += 1;
      return `${get().catcher.url}/${kind}/T0TEST/${count}/secret-token-${count}`;
    },
    posted() {
      return get().catcher.requests.map((request) => JSON.parse(request.body) as SlackMessage);
    },
  };
}
