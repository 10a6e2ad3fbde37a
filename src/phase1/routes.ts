// Slack's two request URLs and the phase 1 that answers each: slash commands, and clicks in our
// messages. Both runtimes route with this table.
import { acknowledge } from "./acknowledge.js";
import { acknowledgeInteraction } from "./acknowledgeInteraction.js";

export type Phase1 = typeof acknowledge;

export const COMMANDS_PATH = "/slack/commands";
export const INTERACTIONS_PATH = "/slack/interactions";

export function phase1For(path: string): Phase1 | undefined {
  if (path === COMMANDS_PATH) return acknowledge;
  if (path === INTERACTIONS_PATH) return acknowledgeInteraction;
  return undefined;
}
