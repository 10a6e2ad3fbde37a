// The bot tokens the app posts with, when the runtime does not supply its own: each installation's
// (refreshed when it rotates) when installs are on, else SLACK_BOT_TOKEN for every workspace.
// Secrets are read when a token is first asked for, never at start: commands never need them.
import { installedBotTokens, singleWorkspaceBotTokens, type BotTokens } from "../installations/botTokens.js";
import type { Installs } from "./installs.js";
import { systemClock, type AppPorts } from "./ports.js";

/** Undefined when nothing could post as the app (no installs, no SLACK_BOT_TOKEN). */
export function botTokensFor(ports: AppPorts, installs: Installs | undefined): BotTokens | undefined {
  if (ports.botTokens) return ports.botTokens;
  const clock = ports.clock ?? systemClock;
  if (installs) {
    return built(async () =>
      installedBotTokens({
        store: installs.installations,
        oauth: await installs.oauthClient(),
        log: ports.log,
        nowMs: () => clock.nowMs(),
      }),
    );
  }
  if (!ports.secrets.has("SLACK_BOT_TOKEN")) return undefined;
  return built(async () => singleWorkspaceBotTokens(await ports.secrets.read("SLACK_BOT_TOKEN")));
}

/** BotTokens built on first use; a failed build (a secret unreadable) is tried again next time. */
function built(build: () => Promise<BotTokens>): BotTokens {
  let tokens: Promise<BotTokens> | undefined;
  return {
    async tokenFor(key) {
      tokens ??= build().catch((error: unknown) => {
        tokens = undefined;
        throw error;
      });
      return (await tokens).tokenFor(key);
    },
  };
}
