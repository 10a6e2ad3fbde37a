// Slack's OAuth v2 (https://api.slack.com/authentication/oauth-v2): the authorize URL a browser is
// sent to, and oauth.v2.access, which exchanges a code (or, with token rotation on, a refresh
// token) for a bot token. Client secret, codes and tokens never appear in a result's error or a
// thrown message: failures carry Slack's short error code or the host only.
import { DEFAULT_HTTP_LIMITS } from "../net/httpClient.js";
import { httpRequest, type HttpClient } from "../net/httpRequest.js";

/** The bot token and what Slack says about it, from either grant. */
export interface GrantedBotToken {
  accessToken: string;
  /** Comma-separated, as Slack sends them. */
  scope: string;
  botUserId: string;
  appId: string;
  teamId: string | undefined;
  teamName: string | undefined;
  enterpriseId: string | undefined;
  enterpriseName: string | undefined;
  isEnterpriseInstall: boolean;
  /** The installing user. */
  authedUserId: string | undefined;
  /** Present when token rotation is on. */
  refreshToken: string | undefined;
  /** Seconds until the access token expires, when token rotation is on. */
  expiresIn: number | undefined;
}

/**
 * - `refused`: Slack answered `ok: false` (a spent or wrong code, `invalid_refresh_token`…).
 * - `unavailable`: Slack could not be reached or answered something unreadable: try again later.
 */
export type GrantResult =
  { ok: true; token: GrantedBotToken } | { ok: false; kind: "refused" | "unavailable"; error: string };

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** SLACK_API_URL, ending in "/". */
  apiUrl: string;
  http?: HttpClient;
}

/** Where the browser goes to approve the install: `../oauth/v2/authorize` from the Web API, so GovSlack and stand-ins work alike. */
export function authorizeUrl(options: {
  apiUrl: string;
  clientId: string;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
}): URL {
  const url = new URL("../oauth/v2/authorize", options.apiUrl);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("scope", options.scopes.join(","));
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", options.state);
  return url;
}

/**
 * Exchanges the callback's code (with the same redirect_uri the authorize URL named); past
 * `deadlineMs` (epoch ms) it gives up as `unavailable` with the error `out_of_time`.
 */
export function exchangeCode(
  client: OAuthClient,
  code: string,
  redirectUri: string,
  deadlineMs?: number,
): Promise<GrantResult> {
  return oauthV2Access(client, { code, redirect_uri: redirectUri }, deadlineMs);
}

/** What an exchange that ran out of its time answers. */
export const OUT_OF_TIME = "out_of_time";

/** Slack answers oauth.v2.access in well under a second; this is for a Slack having a bad day. */
const ACCESS_TIMEOUT_MS = 10_000;

/** Spends a refresh token for a new access token and a new refresh token. */
export function refreshBotToken(client: OAuthClient, refreshToken: string): Promise<GrantResult> {
  return oauthV2Access(client, { grant_type: "refresh_token", refresh_token: refreshToken });
}

async function oauthV2Access(
  client: OAuthClient,
  fields: Record<string, string>,
  deadlineMs?: number,
): Promise<GrantResult> {
  const { clientId, clientSecret, apiUrl, http = httpRequest } = client;
  const url = new URL("oauth.v2.access", apiUrl);
  const timeoutMs = Math.min(ACCESS_TIMEOUT_MS, (deadlineMs ?? Infinity) - Date.now());
  if (timeoutMs <= 0) return { ok: false, kind: "unavailable", error: OUT_OF_TIME };
  let response;
  try {
    response = await http(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        // Slack's preferred way to send the client's credentials: Basic auth, not the body.
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams(fields).toString(),
      timeoutMs,
      connectTimeoutMs: Math.min(DEFAULT_HTTP_LIMITS.connectTimeoutMs, timeoutMs),
      maxBodyBytes: 64 * 1024,
    });
  } catch (failure) {
    // Our own time ran out rather than Slack's: the caller says "try again" rather than "unreachable".
    if (deadlineMs !== undefined && Date.now() >= deadlineMs)
      return { ok: false, kind: "unavailable", error: OUT_OF_TIME };
    // httpRequest's messages name the host only.
    return { ok: false, kind: "unavailable", error: (failure as Error).message };
  }
  if (response.status !== 200) return { ok: false, kind: "unavailable", error: `HTTP ${response.status}` };
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
  } catch {
    return { ok: false, kind: "unavailable", error: "answer is not JSON" };
  }
  if (answer.ok !== true) {
    // Slack's error codes are short snake_case words; anything else is cut, not echoed.
    const code = typeof answer.error === "string" ? answer.error.slice(0, 64).replace(/[^a-z_]/g, "") : "unknown";
    return { ok: false, kind: "refused", error: code || "unknown" };
  }
  const token = readGrant(answer);
  return token ? { ok: true, token } : { ok: false, kind: "unavailable", error: "answer lacks a bot token" };
}

function readGrant(answer: Record<string, unknown>): GrantedBotToken | undefined {
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const field = (object: unknown, name: string) =>
    object !== null && typeof object === "object" ? text((object as Record<string, unknown>)[name]) : undefined;
  const accessToken = text(answer.access_token);
  const botUserId = text(answer.bot_user_id);
  const appId = text(answer.app_id);
  if (!accessToken || answer.token_type !== "bot" || !botUserId || !appId) return undefined;
  const expiresIn = typeof answer.expires_in === "number" && answer.expires_in > 0 ? answer.expires_in : undefined;
  const isEnterpriseInstall = answer.is_enterprise_install === true;
  const teamId = field(answer.team, "id");
  const enterpriseId = field(answer.enterprise, "id");
  if (isEnterpriseInstall ? !enterpriseId : !teamId) return undefined;
  return {
    accessToken,
    scope: text(answer.scope) ?? "",
    botUserId,
    appId,
    teamId,
    teamName: field(answer.team, "name"),
    enterpriseId,
    enterpriseName: field(answer.enterprise, "name"),
    isEnterpriseInstall,
    authedUserId: field(answer.authed_user, "id"),
    refreshToken: text(answer.refresh_token),
    expiresIn,
  };
}
