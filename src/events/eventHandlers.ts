// Which events slacktrux acts on (the manifest subscribes to the same), each to its handler.
// Any other event is acknowledged and left alone.
import type { EventHandler } from "./eventHandler.js";
import { forgetWorkspace } from "./forgetWorkspace.js";
import { publishHomeLater } from "./homeOpened.js";

export const EVENT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  app_uninstalled: forgetWorkspace,
  tokens_revoked: forgetWorkspace,
  app_home_opened: publishHomeLater,
};
