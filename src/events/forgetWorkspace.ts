// app_uninstalled and tokens_revoked: the workspace no longer wants slacktrux (or its bot token no
// longer works), so what slacktrux keeps for it goes: the installation with its tokens, the daily
// posts and follows set up there, and the places its people saved on their Home. Slack may send
// both events, in either order, and retry either: every step deletes what is there and is a no-op
// the second time.
import { installationId } from "../installations/installation.js";
import type { EventHandler } from "./eventHandler.js";

export const forgetWorkspace: EventHandler = async (envelope, deps) => {
  const { event } = envelope;
  if (event.type === "tokens_revoked" && !botTokensRevoked(event)) {
    // Only users' tokens: slacktrux keeps none, and its bot token still works.
    deps.log.info("event handled", { phase: "events", event: event.type, outcome: "nothing-kept" });
    return;
  }
  const id = installationId(envelope);
  const installations = id ? await deps.installations.delete([id]) : 0;
  // What was set up under an org-wide install (daily posts, follows, saved places) is kept under its
  // enterprise, as commands and the Home name it.
  const team = envelope.isEnterpriseInstall ? envelope.enterpriseId : envelope.teamId;
  const subscriptions = team ? await deps.forgetSubscriptions(team) : 0;
  const places = team ? await deps.forgetPlaces(team) : 0;
  deps.log.info("workspace forgotten", {
    phase: "events",
    event: event.type,
    team: envelope.teamId,
    enterprise: envelope.enterpriseId,
    outcome: "deleted",
    installations,
    subscriptions,
    places,
  });
};

function botTokensRevoked(event: Record<string, unknown>): boolean {
  const tokens = event.tokens as { bot?: unknown } | undefined;
  return Array.isArray(tokens?.bot) && tokens.bot.length > 0;
}
