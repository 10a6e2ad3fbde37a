// The bot token a Web API call for a workspace uses. One function, so that per-workspace tokens
// (an installation's, through a botTokens port) replace SLACK_BOT_TOKEN here alone.
import type { AppPorts } from "./ports.js";

export function botTokenFor(ports: Pick<AppPorts, "secrets">, _teamId: string): Promise<string> {
  return ports.secrets.read("SLACK_BOT_TOKEN");
}
