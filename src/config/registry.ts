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
import { canonicalTimeZone } from "../subscriptions/schedule.js";

/**
 * Where a variable is read. `cli` is `slacktrux trucks | try | digest`; `local` is `npm start`;
 * `workers` is the Cloudflare Worker (both phases, and digests and subscriptions on its cron).
 */
export type Runtime = "local" | "cli" | "lambda-receiver" | "lambda-worker" | "workers";

export interface Setting<T> {
  readonly name: string;
  /** The default as the README shows it; absent when there is none. */
  readonly defaultText?: string;
  readonly readBy: readonly Runtime[];
  /** Set by the platform or for tests (AWS Lambda's own variables): left out of the README's table. */
  readonly platform?: boolean;
  /** The value, checked: throws a ConfigError naming the variable. */
  read(env: Env): T;
}

interface Declaration {
  name: string;
  readBy: readonly Runtime[];
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
function optionalText(declaration: Declaration & { defaultText?: string }): Setting<string | undefined> {
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

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * An https base URL (http on loopback only: the token goes in a header); read with a trailing "/"
 * so method names resolve under it.
 */
function webApiBase(declaration: Declaration & { defaultText: string }): Setting<string> {
  return {
    ...declaration,
    read(env) {
      const text = given(env, declaration.name) ?? declaration.defaultText;
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      const secure = url?.protocol === "https:" || (url?.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
      if (!url || !secure || url.username || url.password) {
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

const LOCAL_AND_CLI: readonly Runtime[] = ["local", "cli"];
const PHASE_2: readonly Runtime[] = ["local", "cli", "lambda-worker", "workers"];
/** Subscriptions (subscriptions/): saved by phase 2 and run by the tick, wherever those run. */
const SUBSCRIBING: readonly Runtime[] = ["local", "cli", "lambda-worker", "workers"];

// ---- Slack ----

export const SLACK_SIGNING_SECRET = /* @__PURE__ */ requiredText({
  name: "SLACK_SIGNING_SECRET",
  readBy: ["local", "cli", "lambda-receiver", "workers"],
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

export const SLACK_SIGNING_SECRET_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_SIGNING_SECRET_PARAMETER",
  readBy: ["lambda-receiver"],
  platform: true,
});

export const SLACK_RESPONSE_URL_HOSTS = /* @__PURE__ */ textWithDefault({
  name: "SLACK_RESPONSE_URL_HOSTS",
  defaultText: "hooks.slack.com",
  readBy: PHASE_2,
});

/** Not on Lambda, where the URL would sit in plain text in the function's configuration: see SLACK_WEBHOOK_PARAMETER. */
export const SLACK_WEBHOOK_URL = /* @__PURE__ */ optionalText({ name: "SLACK_WEBHOOK_URL", readBy: LOCAL_AND_CLI });

/** The SSM SecureString holding the team webhook's URL (set by the stack from `webhookParameter`), read by the worker. */
export const SLACK_WEBHOOK_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_WEBHOOK_PARAMETER",
  readBy: ["lambda-worker"],
  platform: true,
});

export const DEFAULT_PLACE = /* @__PURE__ */ optionalText({
  name: "DEFAULT_PLACE",
  readBy: ["local", "lambda-receiver", "workers"],
});

/** The bot token (`xoxb-…`) that posts channel digests and follows' direct messages. A secret. */
export const SLACK_BOT_TOKEN = /* @__PURE__ */ optionalText({ name: "SLACK_BOT_TOKEN", readBy: SUBSCRIBING });

/** On AWS the worker reads the bot token from this SSM SecureString instead (set by the stack). */
export const SLACK_BOT_TOKEN_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_BOT_TOKEN_PARAMETER",
  readBy: ["lambda-worker"],
  platform: true,
});

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
    const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
    if (!match) throw new ConfigError('FOLLOW_TIME must be a 24-hour time "HH:MM", e.g. 10:30');
    return `${match[1]!.padStart(2, "0")}:${match[2]!}`;
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

/** The DynamoDB table of subscriptions on AWS (set by the stack). */
export const SUBSCRIPTIONS_TABLE = /* @__PURE__ */ optionalText({
  name: "SUBSCRIPTIONS_TABLE",
  readBy: ["lambda-worker"],
  platform: true,
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
export const DIGESTS = /* @__PURE__ */ optionalText({ name: "DIGESTS", readBy: ["cli", "workers"] });

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

// ---- AWS Lambda: set by the stack or by Lambda itself ----

export const WORKER_FUNCTION_NAME = /* @__PURE__ */ optionalText({
  name: "WORKER_FUNCTION_NAME",
  readBy: ["lambda-receiver"],
  platform: true,
});

export const IDEMPOTENCY_TABLE = /* @__PURE__ */ optionalText({
  name: "IDEMPOTENCY_TABLE",
  readBy: ["lambda-worker"],
  platform: true,
});

const AWS: readonly Runtime[] = ["lambda-receiver", "lambda-worker"];
export const AWS_REGION = /* @__PURE__ */ optionalText({ name: "AWS_REGION", readBy: AWS, platform: true });
export const AWS_ACCESS_KEY_ID = /* @__PURE__ */ optionalText({
  name: "AWS_ACCESS_KEY_ID",
  readBy: AWS,
  platform: true,
});
export const AWS_SECRET_ACCESS_KEY = /* @__PURE__ */ optionalText({
  name: "AWS_SECRET_ACCESS_KEY",
  readBy: AWS,
  platform: true,
});
export const AWS_SESSION_TOKEN = /* @__PURE__ */ optionalText({
  name: "AWS_SESSION_TOKEN",
  readBy: AWS,
  platform: true,
});
/** The SDK's endpoint overrides, so tests and LocalStack can stand in for AWS. */
export const AWS_ENDPOINT_URL = /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL", readBy: AWS, platform: true });
export const AWS_ENDPOINT_URLS = {
  lambda: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_LAMBDA", readBy: AWS, platform: true }),
  ssm: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_SSM", readBy: AWS, platform: true }),
  dynamodb: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_DYNAMODB", readBy: AWS, platform: true }),
};

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
    DEFAULT_TIME_ZONE,
    FOLLOW_TIME,
    SLACKTRUX_DATA_DIR,
    TICK_EVERY_MINUTE,
    TRACKER_CACHE_SECONDS,
    FULFIL_DEADLINE_MS,
    PORT,
    HOST,
    MAX_CONNECTIONS,
    SLACK_SIGNING_SECRET_PARAMETER,
    SLACK_WEBHOOK_PARAMETER,
    WORKER_FUNCTION_NAME,
    IDEMPOTENCY_TABLE,
    SLACK_BOT_TOKEN_PARAMETER,
    SUBSCRIPTIONS_TABLE,
    AWS_REGION,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN,
    AWS_ENDPOINT_URL,
    AWS_ENDPOINT_URLS.lambda,
    AWS_ENDPOINT_URLS.ssm,
    AWS_ENDPOINT_URLS.dynamodb,
  ];
}
