// app_home_opened: the Home is published after the ack, by a job (phase 1 does no Slack call), so
// Slack gets its 200 at once and the person their Home within its 3 s.
import { parseHomeOpened } from "../slack/homeOpenedEvent.js";
import type { EventHandler } from "./eventHandler.js";

export const publishHomeLater: EventHandler = async (envelope, deps) => {
  const opened = parseHomeOpened(envelope.event);
  // The Messages tab is not ours to draw; a Home with no team (not Slack's) has no one to publish for.
  if (!opened || opened.tab !== "home" || !envelope.teamId) return;
  if (!deps.publishHome) {
    deps.log.warn("home not published: the Home is not set up here", { phase: "events", team: envelope.teamId });
    return;
  }
  await deps.publishHome({
    // An org-wide install's Home is its enterprise's, as its commands and daily posts are.
    teamId: (envelope.isEnterpriseInstall && envelope.enterpriseId) || envelope.teamId,
    userId: opened.userId,
    ...(opened.viewHash ? { viewHash: opened.viewHash } : {}),
  });
};
