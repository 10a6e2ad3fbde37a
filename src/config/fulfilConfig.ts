// Phase 2's configuration from environment variables, checked once at start-up so a mistake is
// reported by name before any request arrives. Values are never echoed: some are secrets.
import { ConfigError, type Env } from "./env.js";
import {
  DEFAULT_TRACKER_URL,
  FULFIL_DEADLINE_MS,
  SLACK_RESPONSE_URL_HOSTS,
  SLACK_WEBHOOK_URL,
  TRACKER_CACHE_SECONDS,
  TRACKER_KIND,
  TRACKER_SELECTORS,
  TRACKER_URL,
} from "./registry.js";
import { isWebhookUrl } from "../slack/responseUrlPolicy.js";
import { trackerLocation } from "../trucks/fetchTrackerPage.js";
import { foodTruckFiestaLayout, selectorLayout, type PageLayout } from "../trucks/parsers/pageLayout.js";
import {
  EXAMPLE_SELECTORS_JSON,
  InvalidSelectorsError,
  readTrackerSelectors,
} from "../trucks/parsers/cssSelectorSettings.js";
import { parseAllowedHosts, type AllowedHost } from "../slack/responseUrlPolicy.js";

/** What phase 2 needs: the same on a laptop and on Lambda. */
export interface FulfilConfig {
  trackerLocation: URL;
  /** How the page at trackerLocation is read. */
  layout: PageLayout;
  /** Where phase 2 may post a response_url: SLACK_RESPONSE_URL_HOSTS, nothing added. */
  responseUrlHosts: AllowedHost[];
  /** SLACK_WEBHOOK_URL: https (http only on loopback), no credentials. */
  webhookUrl?: string | undefined;
  trackerCacheSeconds: number;
  fulfilDeadlineMs: number;
}

export function readFulfilConfig(env: Env): FulfilConfig {
  const layout = readPageLayout(env);
  const location = readTrackerLocation(TRACKER_URL.read(env), layout);
  let hosts: AllowedHost[];
  try {
    hosts = parseAllowedHosts(SLACK_RESPONSE_URL_HOSTS.read(env));
  } catch {
    throw new ConfigError("SLACK_RESPONSE_URL_HOSTS must be a comma-separated list of host[:port]");
  }
  if (hosts.length === 0)
    throw new ConfigError("SLACK_RESPONSE_URL_HOSTS must name at least one host, e.g. hooks.slack.com");
  const webhookUrl = SLACK_WEBHOOK_URL.read(env);
  // The same rule as a digest's webhook. The URL is a secret: the message never shows it.
  if (webhookUrl !== undefined && !isWebhookUrl(webhookUrl)) {
    throw new ConfigError(
      "SLACK_WEBHOOK_URL must be an https URL (http only on loopback) without credentials, e.g. https://hooks.slack.com/services/…",
    );
  }
  return {
    trackerLocation: location,
    layout,
    // Exactly as configured: the webhook is posted to under its own host, never added to this list.
    responseUrlHosts: hosts,
    webhookUrl,
    trackerCacheSeconds: TRACKER_CACHE_SECONDS.read(env),
    fulfilDeadlineMs: FULFIL_DEADLINE_MS.read(env),
  };
}

/**
 * TRACKER_KIND (default foodtruckfiesta) and, for `selectors`, TRACKER_SELECTORS, their shape and
 * syntax checked now; checkPageLayout compiles them.
 */
export function readPageLayout(env: Env): PageLayout {
  const selectors = TRACKER_SELECTORS.read(env);
  switch (TRACKER_KIND.read(env)) {
    case "foodtruckfiesta":
      // Set but unused is almost always a forgotten TRACKER_KIND, so say so rather than ignore it.
      if (selectors !== undefined)
        throw new ConfigError(
          "TRACKER_SELECTORS is set, so set TRACKER_KIND=selectors too (or unset TRACKER_SELECTORS)",
        );
      return foodTruckFiestaLayout;
    case "selectors":
      if (selectors === undefined) {
        throw new ConfigError(`TRACKER_KIND=selectors needs TRACKER_SELECTORS, e.g. ${EXAMPLE_SELECTORS_JSON}`);
      }
      return cssSelectorLayoutFrom(selectors, "TRACKER_SELECTORS");
  }
}

/** A selector tracker from JSON; `source` names where the JSON came from in the error (a variable or a flag). */
export function cssSelectorLayoutFrom(json: string, source: string): PageLayout {
  try {
    return selectorLayout(readTrackerSelectors(json));
  } catch (error) {
    if (error instanceof InvalidSelectorsError) throw new ConfigError(`${source} ${error.message}`);
    throw error;
  }
}

/**
 * What only the loaded parser can check (a selector tracker's selectors compiled), as a
 * ConfigError: every runtime awaits it as it starts, so a selector css-select refuses stops the
 * start rather than the first command. The Food Truck Fiesta layout loads nothing here.
 */
export async function checkPageLayout(layout: PageLayout, source = "TRACKER_SELECTORS"): Promise<void> {
  try {
    await layout.check();
  } catch (error) {
    if (error instanceof InvalidSelectorsError) throw new ConfigError(`${source} ${error.message}`);
    throw error;
  }
}

/**
 * TRACKER_URL's value (or a flag's) as a location. Only Food Truck Fiesta has a default page:
 * another kind of tracker with that page would just report a changed layout on every command.
 */
export function readTrackerLocation(text: string | undefined, layout: PageLayout, source = "TRACKER_URL"): URL {
  const given = text?.trim();
  if (!given && layout.kind !== "foodtruckfiesta") {
    throw new ConfigError(
      `${source} must be set for a ${layout.kind} tracker: the default page is Food Truck Fiesta's`,
    );
  }
  let location: URL;
  try {
    location = trackerLocation(given || DEFAULT_TRACKER_URL);
  } catch {
    throw new ConfigError(`${source} must be an http(s) URL, a file: URL or a path`);
  }
  // They would travel with every fetch and could end up in a link or a log: never accept them.
  if (location.username || location.password) {
    throw new ConfigError(
      `${source} must not contain a user name or password (user:password@): use a page that needs none`,
    );
  }
  return location;
}
