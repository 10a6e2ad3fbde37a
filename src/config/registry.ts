// Every environment variable slacktrux reads, declared once: its name, its default, the rule its
// value must follow and which runtimes read it. Code reads a variable only through its entry here
// (`SETTING.read(env)`), tests clear exactly these variables, and a test keeps the README's
// configuration table in step with this list.
//
// Entries are built with /* @__PURE__ */ calls and import no parser, so a bundle keeps only the
// entries it reads: the Lambda receiver bundles a handful. Errors name the variable and never echo
// its value: some are secrets.
import { TRACKER_KINDS, type TrackerKind } from "../trucks/parsers/trackerKinds.js";
import { ConfigError, type Env } from "./env.js";
import { secureUrl } from "../net/secureUrl.js";
import { canonicalTimeZone, read24HourTime } from "../subscriptions/schedule.js";

/**
 * Who reads a variable, whatever runtime it runs on. `cli` is `slacktrux trucks | try | digest`;
 * `local` is `npm start` and `slacktrux tick`; `receiver` answers Slack's requests (phase 1) and
 * `worker` runs the work after them and the ticks (phase 2), wherever each runs — one function
 * each, or both in one process.
 */
export type Reader = "local" | "cli" | "receiver" | "worker";

export interface Setting<T> {
  readonly name: string;
  /** The default as the README shows it; absent when there is none. */
  readonly defaultText?: string;
  readonly readBy: readonly Reader[];
  /** Set by the platform or for tests (AWS Lambda's own variables): left out of the README's table. */
  readonly platform?: boolean;
  /** The value, checked: throws a ConfigError naming the variable. */
  read(env: Env): T;
}

interface Declaration {
  name: string;
  readBy: readonly Reader[];
  platform?: boolean;
}

/** Whether the variable has a value (blank counts as unset), without checking it. */
export function isSet(setting: Setting<unknown>, env: Env): boolean {
  return given(env, setting.name) !== undefined;
}

/** The trimmed value, or undefined when unset or blank. */
function given(env: Env, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/** `defaultText`, when given, is applied by the setting's reader (it depends on other settings). */
export function optionalText(declaration: Declaration & { defaultText?: string }): Setting<string | undefined> {
  return { ...declaration, read: (env) => given(env, declaration.name) };
}

function textWithDefault(declaration: Declaration & { defaultText: string }): Setting<string> {
  return { ...declaration, read: (env) => given(env, declaration.name) ?? declaration.defaultText };
}

function numberInRange(declaration: Declaration & { fallback: number; min: number; max: number }): Setting<number> {
  const { fallback, min, max, ...rest } = declaration;
  return {
    ...rest,
    defaultText: String(fallback),
    read(env) {
      const text = given(env, declaration.name);
      if (text === undefined) return fallback;
      const value = Number(text);
      if (!Number.isFinite(value) || value < min || value > max) {
        throw new ConfigError(`${declaration.name} must be a number from ${min} to ${max}`);
      }
      return value;
    },
  };
}

function requiredText(declaration: Declaration & { missing: string }): Setting<string> {
  const { missing, ...rest } = declaration;
  return {
    ...rest,
    read(env) {
      const value = given(env, declaration.name);
      if (value === undefined) throw new ConfigError(missing);
      return value;
    },
  };
}

function oneOf<T extends string>(declaration: Declaration & { values: readonly T[]; fallback: T }): Setting<T> {
  const { values, fallback, ...rest } = declaration;
  return {
    ...rest,
    defaultText: fallback,
    read(env) {
      const value = given(env, declaration.name)?.toLowerCase() ?? fallback;
      if (!(values as readonly string[]).includes(value)) {
        throw new ConfigError(`${declaration.name} must be one of ${values.join(", ")}`);
      }
      return value as T;
    },
  };
}

/** A value or its default, passed through `check`, which returns it normalised or throws a ConfigError. */
function checkedText(
  declaration: Declaration & { fallback: string; check: (value: string) => string },
): Setting<string> {
  const { fallback, check, ...rest } = declaration;
  return { ...rest, defaultText: fallback, read: (env) => check(given(env, declaration.name) ?? fallback) };
}

function appToken(declaration: Declaration): Setting<string | undefined> {
  return {
    ...declaration,
    read(env) {
      const value = given(env, declaration.name);
      if (value !== undefined && !value.startsWith("xapp-")) {
        throw new ConfigError(
          `${declaration.name} must be an app-level token starting with xapp- (your Slack app's Basic Information page → App-Level Tokens, scope connections:write), not a bot or user token`,
        );
      }
      return value;
    },
  };
}

/**
 * An https base URL (http on loopback only: the token goes in a header); read with a trailing "/"
 * so method names resolve under it.
 */
function webApiBase(declaration: Declaration & { defaultText: string }): Setting<string> {
  return {
    ...declaration,
    read(env) {
      const url = secureUrl(given(env, declaration.name) ?? declaration.defaultText);
      if (!url) {
        throw new ConfigError(
          `${declaration.name} must be an https URL without credentials (http only on loopback), like ${declaration.defaultText}`,
        );
      }
      url.search = "";
      url.hash = "";
      return url.pathname.endsWith("/") ? url.href : `${url.href}/`;
    },
  };
}

/**
 * An https origin (http on loopback only), optionally with a path, without credentials, query or
 * fragment; read without a trailing "/" so paths append to it.
 */
function publicBaseUrl(declaration: Declaration): Setting<string | undefined> {
  return {
    ...declaration,
    read(env) {
      const text = given(env, declaration.name);
      if (text === undefined) return undefined;
      const url = secureUrl(text);
      if (!url || url.search || url.hash) {
        throw new ConfigError(
          `${declaration.name} must be the https URL people reach slacktrux at, without credentials, query or fragment (http only on loopback), like https://trucks.example.com`,
        );
      }
      return url.href.replace(/\/+$/, "");
    },
  };
}

const LOCAL_AND_CLI: readonly Reader[] = ["local", "cli"];
/** Phase 2's tracker settings; the Lambda receiver reads the tracker too, for the modals' options and checks. */
const PHASE_2: readonly Reader[] = ["local", "cli", "receiver", "worker"];
/**
 * Subscriptions (subscriptions/): saved by phase 2 and run by the tick, wherever those run, and
 * saved from a modal by whatever answers the request (the Lambda receiver).
 */
const SUBSCRIBING: readonly Reader[] = ["local", "cli", "receiver", "worker"];

// ---- Slack ----

export const SLACK_SIGNING_SECRET = /* @__PURE__ */ requiredText({
  name: "SLACK_SIGNING_SECRET",
  readBy: ["local", "cli", "receiver"],
  missing:
    "SLACK_SIGNING_SECRET is not set. Copy it from your Slack app's Basic Information page (App Credentials → Signing Secret) and set SLACK_SIGNING_SECRET before starting.",
});

/** Set: `npm start` connects by Socket Mode (no public URL, no signing secret). Checked for its prefix only. */
export const SLACK_APP_TOKEN: Setting<string | undefined> = /* @__PURE__ */ appToken({
  name: "SLACK_APP_TOKEN",
  readBy: ["local"],
});

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

/** Slack's Web API (apps.connections.open, chat.postMessage): GovSlack's, or a stand-in in tests. */
export const SLACK_API_URL = /* @__PURE__ */ webApiBase({
  name: "SLACK_API_URL",
  defaultText: DEFAULT_SLACK_API_URL,
  readBy: SUBSCRIBING,
});

export const SLACK_RESPONSE_URL_HOSTS = /* @__PURE__ */ textWithDefault({
  name: "SLACK_RESPONSE_URL_HOSTS",
  defaultText: "hooks.slack.com",
  readBy: PHASE_2,
});

/** Not on Lambda, where the URL would sit in plain text in the function's configuration: see SLACK_WEBHOOK_PARAMETER. */
export const SLACK_WEBHOOK_URL = /* @__PURE__ */ optionalText({ name: "SLACK_WEBHOOK_URL", readBy: LOCAL_AND_CLI });

export const DEFAULT_PLACE = /* @__PURE__ */ optionalText({
  name: "DEFAULT_PLACE",
  readBy: ["local", "receiver"],
});

/** The bot token (`xoxb-…`) that posts channel digests and follows' direct messages. A secret. */
export const SLACK_BOT_TOKEN = /* @__PURE__ */ optionalText({ name: "SLACK_BOT_TOKEN", readBy: SUBSCRIBING });

// ---- Installs from "Add to Slack" (OAuth v2): set all three to serve many workspaces ----

/** Read where the install pages and the Events API are served, and by the AWS worker to refresh rotating tokens. */
const INSTALLING: readonly Reader[] = ["local", "receiver", "worker"];

/** Your Slack app's Client ID (Basic Information → App Credentials). Set: installs are on. */
export const SLACK_CLIENT_ID = /* @__PURE__ */ optionalText({ name: "SLACK_CLIENT_ID", readBy: INSTALLING });

/** Your Slack app's Client Secret. A secret. */
export const SLACK_CLIENT_SECRET = /* @__PURE__ */ optionalText({ name: "SLACK_CLIENT_SECRET", readBy: INSTALLING });

/** Where people reach slacktrux, e.g. https://trucks.example.com: the OAuth redirect URL is built from it. */
export const SLACKTRUX_PUBLIC_URL = /* @__PURE__ */ publicBaseUrl({ name: "SLACKTRUX_PUBLIC_URL", readBy: INSTALLING });

// ---- Subscriptions: channel digests and truck follows set up from Slack ----

export const DEFAULT_TIME_ZONE = /* @__PURE__ */ checkedText({
  name: "DEFAULT_TIME_ZONE",
  fallback: "America/New_York",
  readBy: SUBSCRIBING,
  check(value) {
    const zone = canonicalTimeZone(value);
    if (!zone) throw new ConfigError("DEFAULT_TIME_ZONE must be an IANA time zone such as America/Chicago");
    return zone;
  },
});

export const FOLLOW_TIME = /* @__PURE__ */ checkedText({
  name: "FOLLOW_TIME",
  fallback: "10:30",
  readBy: SUBSCRIBING,
  check(value) {
    const time = read24HourTime(value);
    if (!time) throw new ConfigError('FOLLOW_TIME must be a 24-hour time "HH:MM", e.g. 10:30');
    return time;
  },
});

/** Where `npm start` and `slacktrux tick` keep subscriptions and their claims (see docs/SUBSCRIPTIONS.md). */
export const SLACKTRUX_DATA_DIR = /* @__PURE__ */ textWithDefault({
  name: "SLACKTRUX_DATA_DIR",
  defaultText: "./slacktrux-data",
  readBy: LOCAL_AND_CLI,
});

/** Whether `npm start` runs the subscription tick itself; off where cron runs `slacktrux tick` instead. */
export const TICK_EVERY_MINUTE = /* @__PURE__ */ oneOf<"on" | "off">({
  name: "TICK_EVERY_MINUTE",
  values: ["on", "off"],
  fallback: "on",
  readBy: ["local"],
});

// ---- The tracker ----

/** https: Food Truck Fiesta serves its page over https. */
export const DEFAULT_TRACKER_URL = "https://foodtruckfiesta.com/dc-food-truck-list/";

/** Checked by config/fulfilConfig.ts: the default applies to the Food Truck Fiesta layout only. */
export const TRACKER_URL = /* @__PURE__ */ optionalText({
  name: "TRACKER_URL",
  readBy: PHASE_2,
  defaultText: DEFAULT_TRACKER_URL,
});

export const TRACKER_KIND = /* @__PURE__ */ oneOf<TrackerKind>({
  name: "TRACKER_KIND",
  values: TRACKER_KINDS,
  fallback: "foodtruckfiesta",
  readBy: PHASE_2,
});

/** JSON of three CSS selectors; compiled by config/fulfilConfig.ts, which knows the parsers. */
export const TRACKER_SELECTORS = /* @__PURE__ */ optionalText({ name: "TRACKER_SELECTORS", readBy: PHASE_2 });

export const TRACKER_CACHE_SECONDS = /* @__PURE__ */ numberInRange({
  name: "TRACKER_CACHE_SECONDS",
  fallback: 300,
  min: 0,
  max: 86_400,
  readBy: PHASE_2,
});

export const FULFIL_DEADLINE_MS = /* @__PURE__ */ numberInRange({
  name: "FULFIL_DEADLINE_MS",
  fallback: 10_000,
  min: 100,
  max: 600_000,
  readBy: PHASE_2,
});

// ---- Digests ----

/** A JSON list, checked entry by entry by digest/schedules.ts. */
export const DIGESTS = /* @__PURE__ */ optionalText({ name: "DIGESTS", readBy: ["local", "cli", "worker"] });

// ---- The local server ----

export const PORT = /* @__PURE__ */ numberInRange({
  name: "PORT",
  fallback: 3000,
  min: 0,
  max: 65_535,
  readBy: LOCAL_AND_CLI,
});

export const HOST = /* @__PURE__ */ textWithDefault({ name: "HOST", defaultText: "127.0.0.1", readBy: ["local"] });

/** Below a typical 1,024-descriptor limit, with room for phase 2's own connections. */
export const MAX_CONNECTIONS = /* @__PURE__ */ numberInRange({
  name: "MAX_CONNECTIONS",
  fallback: 512,
  min: 1,
  max: 65_535,
  readBy: ["local"],
});

/** Every variable above, in the README's order. A function, so bundles that never list them drop the list. */
export function allSettings(): readonly Setting<unknown>[] {
  return [
    SLACK_SIGNING_SECRET,
    SLACK_APP_TOKEN,
    SLACK_API_URL,
    TRACKER_URL,
    TRACKER_KIND,
    TRACKER_SELECTORS,
    SLACK_RESPONSE_URL_HOSTS,
    DEFAULT_PLACE,
    SLACK_WEBHOOK_URL,
    DIGESTS,
    SLACK_BOT_TOKEN,
    SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET,
    SLACKTRUX_PUBLIC_URL,
    DEFAULT_TIME_ZONE,
    FOLLOW_TIME,
    SLACKTRUX_DATA_DIR,
    TICK_EVERY_MINUTE,
    TRACKER_CACHE_SECONDS,
    FULFIL_DEADLINE_MS,
    PORT,
    HOST,
    MAX_CONNECTIONS,
  ];
}
