// An installation: the app added to one workspace, or to a whole Enterprise Grid organisation
// (an org-wide install, keyed by the enterprise). It holds what posting as the app needs — the bot
// token, and with token rotation on, its refresh token and expiry — and who installed it, when.

export interface Installation {
  /** `team:<id>` or `enterprise:<id>`: see installationId. */
  id: string;
  /** The workspace; absent for an org-wide install. */
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  appId: string;
  /** A secret. */
  botToken: string;
  botUserId: string;
  /** Comma-separated, as Slack granted them. */
  scopes: string;
  /** Slack user id of whoever installed it. */
  installedBy: string | undefined;
  /** ISO-8601. */
  installedAt: string;
  /** A secret; present when token rotation is on. */
  refreshToken: string | undefined;
  /** When botToken stops working (ms since the epoch); present when token rotation is on. */
  botTokenExpiresAtMs: number | undefined;
}

/** Who a request or a subscription belongs to, as Slack names it. */
export interface InstallationKey {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** True when the app was installed for the whole organisation. */
  isEnterpriseInstall?: boolean | undefined;
}

/** An org-wide install is one per enterprise; any other is one per workspace. */
export function installationId(key: InstallationKey): string | undefined {
  if (key.isEnterpriseInstall) return key.enterpriseId ? `enterprise:${key.enterpriseId}` : undefined;
  return key.teamId ? `team:${key.teamId}` : undefined;
}

/**
 * The key of a team as commands, clicks and subscriptions name it: a workspace, or the enterprise
 * of an org-wide install (slashCommand.ts keys them as Slack's own SDKs do). Slack's workspace and
 * enterprise ids never collide (T… and E…), so both kinds of installation may be looked for.
 */
export function keyOfTeam(teamId: string): InstallationKey {
  return { teamId, enterpriseId: teamId };
}

/** The ids to look for, best first: the workspace's own install, then its organisation's. */
export function candidateIds(key: InstallationKey): string[] {
  const ids = [installationId(key), key.enterpriseId ? `enterprise:${key.enterpriseId}` : undefined];
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
