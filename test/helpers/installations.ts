// An installation as a test writes it: a workspace install with a token, overridable field by field.
import type { Installation } from "../../src/installations/installation.js";

export const workspaceInstall = (teamId: string, overrides: Partial<Installation> = {}): Installation => ({
  id: `team:${teamId}`,
  teamId,
  enterpriseId: undefined,
  isEnterpriseInstall: false,
  appId: "A0APP",
  botToken: `xoxb-${teamId}-1`,
  botUserId: "U0BOT",
  scopes: "commands,chat:write,chat:write.public",
  installedBy: "U0INSTALLER",
  installedAt: "2026-12-03T12:00:00.000Z",
  refreshToken: undefined,
  botTokenExpiresAtMs: undefined,
  ...overrides,
});
