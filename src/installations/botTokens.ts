// "The bot token for this workspace": the one thing every post as the app asks. In single-workspace
// mode it is SLACK_BOT_TOKEN for everyone; with installs it is that workspace's (or its
// organisation's) installation's token, refreshed before it expires when token rotation is on.
//
// A refresh token can be spent once. Callers in several processes may find the same token near
// expiry at once, so one of them takes a lease on the refresh token (a conditional write), spends
// it and swaps in the result (another, on the same refresh token); the others wait, re-read and
// use the winner's token. A failed refresh lets go of the lease, and a token that still works is
// used meanwhile.
import type { Logger } from "../observe/log.js";
import { refreshBotToken, type OAuthClient } from "../slack/oauth.js";
import { candidateIds, type Installation, type InstallationKey } from "./installation.js";
import type { InstallationStore } from "./installationStore.js";

export type BotTokenLookup =
  | { ok: true; token: string }
  /** `not-installed`: no installation for them; `refresh-failed`: the token expired and could not be renewed. */
  | { ok: false; reason: "not-installed" | "refresh-failed" };

export interface BotTokens {
  tokenFor(key: InstallationKey): Promise<BotTokenLookup>;
}

/** Single-workspace mode: one token (SLACK_BOT_TOKEN) whoever asks. */
export function singleWorkspaceBotTokens(token: string): BotTokens {
  return { tokenFor: async () => ({ ok: true, token }) };
}

/** Refresh when less than this is left: Slack's rotating tokens last 12 hours. */
export const REFRESH_BEFORE_EXPIRY_MS = 60 * 60 * 1000;
/** How long a refresher may hold its lease: one oauth.v2.access call and two writes, with room. */
export const REFRESH_LEASE_MS = 30_000;

export interface InstalledBotTokensOptions {
  store: InstallationStore;
  oauth: OAuthClient;
  log: Logger;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
  refreshBeforeMs?: number;
  leaseMs?: number;
  /** How often a caller waiting for another's refresh re-reads the installation. */
  pollMs?: number;
}

export function installedBotTokens(options: InstalledBotTokensOptions): BotTokens {
  const {
    store,
    oauth,
    log,
    nowMs = Date.now,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    refreshBeforeMs = REFRESH_BEFORE_EXPIRY_MS,
    leaseMs = REFRESH_LEASE_MS,
    pollMs = 100,
  } = options;

  const fields = (installation: Installation) => ({
    phase: "bot-token",
    installation: installation.id,
  });

  /** The token to use, refreshed first when it is due; a failure only when the stored one no longer works. */
  async function fresh(first: Installation): Promise<BotTokenLookup> {
    let installation: Installation | undefined = first;
    const waitUntil = nowMs() + leaseMs;
    while (installation) {
      const { refreshToken: spent, botTokenExpiresAtMs: expiresAt } = installation;
      const now = nowMs();
      if (spent === undefined || expiresAt === undefined || expiresAt - now > refreshBeforeMs) {
        return { ok: true, token: installation.botToken };
      }
      if (await store.beginRefresh(installation.id, spent, now, leaseMs)) {
        const result = await refreshBotToken(oauth, spent);
        if (result.ok && result.token.refreshToken && result.token.expiresIn) {
          const rotated = {
            botToken: result.token.accessToken,
            refreshToken: result.token.refreshToken,
            botTokenExpiresAtMs: nowMs() + result.token.expiresIn * 1000,
          };
          if (await store.finishRefresh(installation.id, spent, rotated)) {
            log.info("bot token refreshed", { ...fields(installation), outcome: "refreshed" });
            return { ok: true, token: rotated.botToken };
          }
        } else {
          await store.abandonRefresh(installation.id, spent);
          const error = result.ok ? "answer lacks a refresh token" : result.error;
          log.warn("bot token refresh failed", { ...fields(installation), outcome: "refresh-failed", error });
          if (expiresAt > nowMs()) return { ok: true, token: installation.botToken };
          // Someone may have spent it first (a lease that lapsed): their result is in the store.
          const reread = await store.find(installation.id);
          if (reread && reread.refreshToken !== spent) {
            installation = reread;
            continue;
          }
          return { ok: false, reason: "refresh-failed" };
        }
      } else if (nowMs() >= waitUntil) {
        // The refresher is taking too long: a token that still works is better than none.
        if (expiresAt > nowMs()) return { ok: true, token: installation.botToken };
        log.warn("bot token refresh failed", { ...fields(installation), outcome: "refresh-failed", error: "timeout" });
        return { ok: false, reason: "refresh-failed" };
      } else {
        await sleep(pollMs);
      }
      installation = await store.find(installation.id);
    }
    return { ok: false, reason: "not-installed" };
  }

  return {
    async tokenFor(key) {
      for (const id of candidateIds(key)) {
        const installation = await store.find(id);
        if (installation) return fresh(installation);
      }
      return { ok: false, reason: "not-installed" };
    },
  };
}
