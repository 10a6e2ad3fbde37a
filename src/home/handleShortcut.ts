// The global shortcut "Food trucks" and `/foodtrucks settings`: each opens a modal at once with
// its trigger_id (it lasts 3 s), before anything is read.
import type { Shortcut } from "../slack/viewInteraction.js";
import type { HomeDeps } from "./homeDeps.js";
import { dailyPostModal, myPlaceModal } from "./modals.js";

/** The shortcut's callback_id, as declared in the app manifest. */
export const FOOD_TRUCKS_SHORTCUT = "food_trucks";

export type OpenOutcome = "opened" | "not-opened" | "ignored";

/** "Food trucks" opens the place picker. */
export async function handleShortcut(shortcut: Shortcut, deps: Pick<HomeDeps, "views" | "log">): Promise<OpenOutcome> {
  if (shortcut.callbackId !== FOOD_TRUCKS_SHORTCUT) return "ignored";
  const opened = await deps.views.open(shortcut.triggerId, myPlaceModal());
  if (opened.ok) return "opened";
  deps.log.warn("modal not opened", { teamId: shortcut.teamId, modal: "my_place", error: opened.error });
  return "not-opened";
}

/** `/foodtrucks settings` opens the daily post modal for the channel it was typed in. */
export async function openSettings(
  command: { triggerId: string; teamId: string; channelId?: string },
  deps: Pick<HomeDeps, "views" | "log">,
): Promise<OpenOutcome> {
  const opened = await deps.views.open(command.triggerId, dailyPostModal(command.channelId));
  if (opened.ok) return "opened";
  deps.log.warn("modal not opened", { teamId: command.teamId, modal: "daily_post", error: opened.error });
  return "not-opened";
}
