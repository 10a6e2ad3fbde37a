// A click in the Home tab. The settings buttons open their modal at once (the click's trigger_id
// lasts 3 s, so nothing is read before); Unfollow and Remove change the subscriptions, then the
// Home is published again over the one clicked.
import { digestRemovedMessage } from "../messages/subscriptionMessages.js";
import { scheduleText } from "../phase2/manageSubscriptions.js";
import type { ViewAction } from "../slack/viewInteraction.js";
import type { HomeDeps } from "./homeDeps.js";
import {
  HOME_CHOOSE_PLACE,
  HOME_FOLLOW_TRUCK,
  HOME_REMOVE_DAILY,
  HOME_SET_UP_DAILY,
  HOME_UNFOLLOW,
  parseRemoveValue,
} from "./homeActions.js";
import { dailyPostModal, followTruckModal, myPlaceModal } from "./modals.js";
import { publishHome } from "./publishHome.js";

export type HomeActionOutcome = "opened" | "not-opened" | "removed" | "not-removed" | "ignored";

export async function handleHomeAction(action: ViewAction, deps: HomeDeps): Promise<HomeActionOutcome> {
  const user = { teamId: action.teamId, userId: action.userId };
  const modal =
    action.actionId === HOME_SET_UP_DAILY
      ? dailyPostModal()
      : action.actionId === HOME_FOLLOW_TRUCK
        ? followTruckModal()
        : action.actionId === HOME_CHOOSE_PLACE
          ? myPlaceModal()
          : undefined;
  if (modal) {
    const opened = await deps.views.open(action.triggerId, modal);
    if (opened.ok) return "opened";
    deps.log.warn("modal not opened", { teamId: user.teamId, modal: modal.callback_id, error: opened.error });
    return "not-opened";
  }
  if (action.actionId !== HOME_UNFOLLOW && action.actionId !== HOME_REMOVE_DAILY) return "ignored";

  const target = parseRemoveValue(action.value);
  if (!target) return "ignored";
  const { store } = deps.subscriptions;
  let removed = false;
  if (action.actionId === HOME_UNFOLLOW) {
    // A follow is its follower's: only they can remove it, whatever the button says.
    removed = (await store.remove(user.teamId, user.userId, [target.id])).length > 0;
  } else {
    // From the Home, only the daily posts this person set up (the ones it lists) can be removed.
    const mine = (await store.digestsSetBy(user.teamId, user.userId)).some(
      (digest) => digest.id === target.id && digest.channelId === target.ownerId,
    );
    const [digest] = mine ? await store.remove(user.teamId, target.ownerId, [target.id]) : [];
    if (digest?.kind === "digest") {
      removed = true;
      // The channel learns of it as it does from the Remove button in `/foodtrucks daily`.
      const told = await deps.postMessage(
        digest.channelId,
        digestRemovedMessage(user.userId, digest.places, scheduleText(digest)),
      );
      if (!told.ok) deps.log.warn("daily post removal not announced", { teamId: user.teamId, error: told.error });
    }
  }
  await publishHome(user, action.viewHash || undefined, deps);
  return removed ? "removed" : "not-removed";
}
