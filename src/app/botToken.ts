// The bot token a Web API call for a team uses: its installation's (refreshed when it rotates) or,
// in single-workspace mode, SLACK_BOT_TOKEN, through the botTokens port (botTokensFor.ts). The team
// is a workspace or an org-wide install's enterprise, as commands and subscriptions name it.
import type { BotTokens } from "../installations/botTokens.js";
import { keyOfTeam } from "../installations/installation.js";

export async function botTokenFor(botTokens: BotTokens, teamId: string): Promise<string> {
  const found = await botTokens.tokenFor(keyOfTeam(teamId));
  // The reason only (not-installed, refresh-failed): never a token.
  if (!found.ok) throw new Error(`no bot token for this workspace: ${found.reason}`);
  return found.token;
}
