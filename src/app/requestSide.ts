// The request side of the app core, wired once from the ports: the route table's handler with what
// its routes need beyond phase 1 — the Events API (claims, installations, forgetting a workspace
// with its saved places, the Home handed off), the modals and Home clicks (the subscription store,
// saved places, the tracker within its deadline) and "Add to Slack". createApp builds it for every runtime; a runtime
// that only receives (the Lambda receiver) builds it alone, so it bundles no job code (fulfil,
// digests, the tick). Building it does no I/O.
import { readFulfilConfig, type FulfilConfig } from "../config/fulfilConfig.js";
import { readSubscriptionConfig, type SubscriptionConfig } from "../config/subscriptionConfig.js";
import type { BotTokens } from "../installations/botTokens.js";
import type { HomeJob } from "../phase2/homeJob.js";
import { trackerFromConfig } from "../phase2/trackerFromConfig.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import type { Tracker } from "../trucks/tracker.js";
import { createViewAnswerer } from "./answerViewInteraction.js";
import { botTokensFor } from "./botTokensFor.js";
import { createRequestHandler, type RequestHandler } from "./handleRequest.js";
import { readInstalls, type Installs } from "./installs.js";
import type { AppPorts } from "./ports.js";
import { wireEvents } from "./wireEvents.js";
import { wireHome, type HomeWiring } from "./wireHome.js";

export interface RequestSide {
  handler: RequestHandler;
  config: FulfilConfig;
  /**
   * Read when first asked for: checking DEFAULT_TIME_ZONE loads the time-zone data, which costs a
   * receiver's cold start tens of ms for every command, when only a saved modal needs it.
   * createApp asks at once, so a wrong value still stops every other runtime at start-up.
   */
  subscriptionConfig: () => SubscriptionConfig;
  /** One tracker, so one cache, for everything this process reads. */
  tracker: Tracker;
  installs: Installs | undefined;
  botTokens: BotTokens | undefined;
  /** The subscription store, when something can post as the app (a bot token or installs). */
  store: SubscriptionStore | undefined;
  /** The Home and the modals, where they can work (a store with digestsSetBy). */
  home: HomeWiring | undefined;
}

/** Checks the configuration the request side reads now (a ConfigError names the setting at fault), subscriptionConfig's when first asked for. */
export function wireRequestSide(ports: AppPorts): RequestSide {
  const config = readFulfilConfig(ports.env);
  let subscriptions: SubscriptionConfig | undefined;
  const subscriptionConfig = () => (subscriptions ??= readSubscriptionConfig(ports.env));
  const tracker = trackerFromConfig(config, ports.http, ports.trackerCache);
  const installs = readInstalls(ports);
  const botTokens = botTokensFor(ports, installs);
  const store = ports.subscriptions && botTokens ? ports.subscriptions : undefined;
  const home = wireHome(ports, { config, subscriptionConfig, tracker }, store, botTokens);
  const handOffHome = (job: HomeJob) => ports.handOff(job);
  const handler = createRequestHandler(ports, {
    homeOn: home !== undefined,
    events: wireEvents(ports, home),
    ...(home ? { answerView: createViewAnswerer(home, handOffHome, ports.log) } : {}),
    installs,
  });
  return { handler, config, subscriptionConfig, tracker, installs, botTokens, store, home };
}
