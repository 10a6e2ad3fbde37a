// The install routes, runtime-free: GET /slack/install (the page and its Add to Slack link),
// GET /slack/oauth_redirect (Slack sends the browser back here with a code and our state), and
// GET /privacy. A callback whose state is missing, forged, expired, from another browser or
// already used is refused with a 4xx page before anything is asked of Slack.
import { commandKey, type ClaimStore } from "../claims/claimStore.js";
import type { InstallSettings } from "../config/installConfig.js";
import { installationId, type Installation } from "../installations/installation.js";
import type { InstallationStore } from "../installations/installationStore.js";
import type { HttpClient } from "../net/httpClient.js";
import type { Logger } from "../observe/log.js";
import { authorizeUrl, exchangeCode, OUT_OF_TIME, type GrantedBotToken } from "../slack/oauth.js";
import {
  cookieValue,
  pageResponse,
  setCookie,
  textResponse,
  type InboundRequest,
  type OutboundResponse,
} from "../web/exchange.js";
import { installPage, privacyPage, problemPage, successPage, type Problem } from "../web/pages.js";
import { PROBLEMS } from "./installProblems.js";
import { checkState, newState, STATE_LIFETIME_SECONDS } from "./oauthState.js";

export { INSTALL_PATH, PRIVACY_PATH } from "../web/pages.js";
export const OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";

/** What the app asks for: the command, and posting as itself (daily posts, follows' DMs, public channels). */
export const BOT_SCOPES = ["commands", "chat:write", "chat:write.public"] as const;

const STATE_COOKIE = "slacktrux_oauth_state";

export interface InstallDeps {
  settings: InstallSettings;
  installations: InstallationStore;
  claims: ClaimStore;
  log: Logger;
  http?: HttpClient;
  nowMs?: () => number;
  /** Epoch ms by which the callback must be done, where the runtime bounds its requests (a Lambda). */
  deadlineMs?: number;
}

/** Kept back from oauth.v2.access, inside the request's deadline, to save what Slack granted. */
export const SAVE_RESERVE_MS = 500;

const readOnly = (request: InboundRequest) => request.method === "GET" || request.method === "HEAD";
const notAllowed = () => textResponse(405, "method not allowed", { allow: "GET, HEAD" });

export const redirectUri = (settings: InstallSettings) => `${settings.publicUrl}${OAUTH_REDIRECT_PATH}`;

/** A Secure cookie, except on plain http at a loopback address, where a browser would drop it. */
function stateCookie(settings: InstallSettings, value: string, maxAgeSeconds: number): string {
  const callback = new URL(redirectUri(settings));
  const secure = callback.protocol === "https:";
  return setCookie(STATE_COOKIE, value, { path: callback.pathname, maxAgeSeconds, secure });
}

/** GET /slack/install: the page, with a fresh state in its link and in a cookie. */
export async function handleInstallPage(request: InboundRequest, deps: InstallDeps): Promise<OutboundResponse> {
  if (!readOnly(request)) return notAllowed();
  const { settings } = deps;
  const state = newState(settings.clientSecret, (deps.nowMs ?? Date.now)());
  const link = authorizeUrl({
    apiUrl: settings.apiUrl,
    clientId: settings.clientId,
    scopes: BOT_SCOPES,
    redirectUri: redirectUri(settings),
    state,
  });
  return pageResponse(200, installPage(link.href), {}, [stateCookie(settings, state, STATE_LIFETIME_SECONDS)]);
}

/** An install route that could not get what it needs in its time (the client secret): try again. */
export function installOutOfTime(): OutboundResponse {
  const { status, ...words } = PROBLEMS.busy;
  return pageResponse(status, problemPage({ ...words, startAgain: true }));
}

/** GET /privacy. */
export function handlePrivacyPage(request: InboundRequest): OutboundResponse {
  if (!readOnly(request)) return notAllowed();
  return pageResponse(200, privacyPage(), { "cache-control": "public, max-age=3600" });
}

function problem(deps: InstallDeps, which: keyof typeof PROBLEMS, startAgain = true): OutboundResponse {
  const { status, ...words } = PROBLEMS[which];
  const page: Problem = { ...words, startAgain };
  // The state is spent or worthless either way: the cookie goes.
  return pageResponse(status, problemPage(page), {}, [stateCookie(deps.settings, "", 0)]);
}

/** GET /slack/oauth_redirect?code=…&state=… (or ?error=…). */
export async function handleOAuthRedirect(request: InboundRequest, deps: InstallDeps): Promise<OutboundResponse> {
  if (!readOnly(request)) return notAllowed();
  const { settings, log } = deps;
  const nowMs = (deps.nowMs ?? Date.now)();
  const logRefusal = (reason: string) => log.warn("install refused", { phase: "install", outcome: "refused", reason });

  const query = new URLSearchParams(request.query);
  const error = query.get("error");
  if (error !== null) {
    logRefusal(error === "access_denied" ? "access_denied" : "slack_error");
    return problem(deps, error === "access_denied" ? "cancelled" : "slackError");
  }

  const state = query.get("state") ?? undefined;
  const checked = checkState(settings.clientSecret, state, cookieValue(request.headers.cookie, STATE_COOKIE), nowMs);
  if (!checked.ok) {
    logRefusal(`state ${checked.problem}`);
    return problem(deps, checked.problem === "other-browser" ? "otherBrowser" : checked.problem);
  }
  const code = query.get("code");
  if (!code) {
    logRefusal("no code");
    return problem(deps, "missing");
  }
  // Single use: the first callback with this state claims it for as long as the state could pass.
  const ttlSeconds = Math.ceil((checked.expiresAtMs - nowMs) / 1000) + 60;
  if (!(await deps.claims.claim(commandKey(`oauth-state:${state}`), ttlSeconds))) {
    logRefusal("state replayed");
    return problem(deps, "replayed");
  }

  const client = { clientId: settings.clientId, clientSecret: settings.clientSecret, apiUrl: settings.apiUrl };
  const grant = await exchangeCode(
    deps.http ? { ...client, http: deps.http } : client,
    code,
    redirectUri(settings),
    deps.deadlineMs === undefined ? undefined : deps.deadlineMs - SAVE_RESERVE_MS,
  );
  if (!grant.ok) {
    log.warn("install failed", { phase: "install", outcome: "oauth-failed", error: grant.error });
    if (grant.error === OUT_OF_TIME) return problem(deps, "tooSlow");
    return problem(deps, grant.kind === "refused" ? "codeRefused" : "slackUnavailable");
  }
  const installation = toInstallation(grant.token, nowMs);
  try {
    await deps.installations.save(installation);
  } catch (failure) {
    log.error("install failed", {
      phase: "install",
      outcome: "not-saved",
      error: (failure as Error).name,
      reason: (failure as Error).message,
    });
    return problem(deps, "notSaved");
  }
  log.info("installed", {
    phase: "install",
    outcome: "installed",
    installation: installation.id,
    rotation: installation.refreshToken !== undefined,
  });
  const team = grant.token.isEnterpriseInstall ? grant.token.enterpriseId! : grant.token.teamId!;
  const name = grant.token.isEnterpriseInstall ? grant.token.enterpriseName : grant.token.teamName;
  const appLink = `slack://app?${new URLSearchParams({ team, id: grant.token.appId }).toString()}`;
  const webLink = new URL(
    `../app_redirect?${new URLSearchParams({ app: grant.token.appId, team }).toString()}`,
    settings.apiUrl,
  );
  return pageResponse(200, successPage({ name, appLink, webLink: webLink.href }), {}, [stateCookie(settings, "", 0)]);
}

function toInstallation(token: GrantedBotToken, nowMs: number): Installation {
  return {
    id: installationId(token)!,
    teamId: token.isEnterpriseInstall ? undefined : token.teamId,
    enterpriseId: token.enterpriseId,
    isEnterpriseInstall: token.isEnterpriseInstall,
    appId: token.appId,
    botToken: token.accessToken,
    botUserId: token.botUserId,
    scopes: token.scope,
    installedBy: token.authedUserId,
    installedAt: new Date(nowMs).toISOString(),
    refreshToken: token.refreshToken,
    botTokenExpiresAtMs: token.expiresIn === undefined ? undefined : nowMs + token.expiresIn * 1000,
  };
}
