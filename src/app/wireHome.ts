// The App Home and the settings modals, wired from the ports: Slack's views and chat.postMessage
// with the workspace's bot token, the subscription store, the saved places, today's tracker read
// within a deadline Slack's 3 s allow. Undefined when the Home cannot work here (no store or no
// bot token), as `daily` and `follow` cannot.
import type { FulfilConfig } from "../config/fulfilConfig.js";
import { DEFAULT_PLACE } from "../config/registry.js";
import type { SubscriptionConfig } from "../config/subscriptionConfig.js";
import type { HomeDeps } from "../home/homeDeps.js";
import { createMemoryUserPlaceStore, type UserPlaceStore } from "../home/userPlaceStore.js";
import { noMetrics } from "../observe/metrics.js";
import { readTracker } from "../phase2/readTracker.js";
import { createViews } from "../slack/views.js";
import { createPostMessage, createWebApi, type WebApiOptions } from "../slack/webApi.js";
import type { DigestsSetBy, SubscriptionStore } from "../subscriptions/store.js";
import type { Tracker } from "../trucks/tracker.js";
import type { BotTokens } from "../installations/botTokens.js";
import { botTokenFor } from "./botToken.js";
import { systemClock, type AppPorts } from "./ports.js";

/**
 * How long an options load or a submission waits for the tracker: inside Slack's 3 s with room
 * for the answer (a cached page is served at once).
 */
export const HOME_TRACKER_DEADLINE_MS = 2_000;

/** The slash command's name, for the Home's how-to. */
const COMMAND_NAME = "/foodtrucks";

export interface HomeWiring {
  /** The Home's dependencies for one workspace (its bot token). */
  depsFor(teamId: string): HomeDeps;
  /** The saved places the Home reads and writes (the ports', or this instance's memory): an uninstall forgets them. */
  places: UserPlaceStore;
}

export function wireHome(
  ports: AppPorts,
  settings: { config: FulfilConfig; subscriptionConfig: () => SubscriptionConfig; tracker: Tracker },
  store: SubscriptionStore | undefined,
  botTokens: BotTokens | undefined,
): HomeWiring | undefined {
  if (!store || !botTokens || !hasDigestsSetBy(store)) return undefined;
  const { log } = ports;
  const { tracker } = settings;
  const clock = ports.clock ?? systemClock;
  const places = ports.userPlaces ?? createMemoryUserPlaceStore();
  if (!ports.userPlaces) log.warn("saved places are kept in memory only: no store for them here", { phase: "config" });
  const defaultPlace = DEFAULT_PLACE.read(ports.env);
  return {
    places,
    depsFor(teamId) {
      const subscriptionConfig = settings.subscriptionConfig();
      const api: WebApiOptions = {
        apiUrl: subscriptionConfig.slackApiUrl,
        token: () => botTokenFor(botTokens, teamId),
        ...(ports.http ? { http: ports.http } : {}),
      };
      return {
        views: createViews(createWebApi(api)),
        postMessage: createPostMessage(api),
        places,
        subscriptions: {
          store,
          defaultTimeZone: subscriptionConfig.defaultTimeZone,
          followTime: subscriptionConfig.followTime,
        },
        readTracker: () =>
          readTracker(tracker, {
            deadlineMs: HOME_TRACKER_DEADLINE_MS,
            log,
            logFields: { phase: "home", teamId },
            metrics: ports.metrics ?? noMetrics,
          }),
        ...(defaultPlace ? { defaultPlace } : {}),
        commandName: COMMAND_NAME,
        now: () => clock.nowMs(),
        log,
      };
    },
  };
}

function hasDigestsSetBy(store: SubscriptionStore): store is SubscriptionStore & DigestsSetBy {
  return typeof (store as Partial<DigestsSetBy>).digestsSetBy === "function";
}
