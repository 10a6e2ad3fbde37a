// The buttons of the Home tab and what their values carry. They come back as `block_actions` from
// a view (with a trigger_id, no response_url), so they have ids of their own, apart from the
// message buttons of messages/actions.ts. Values are ours inside a signed payload, still parsed
// defensively: a malformed one is ignored.
import type { Button } from "@slack/types";

export const HOME_SET_UP_DAILY = "home_set_up_daily";
export const HOME_FOLLOW_TRUCK = "home_follow_truck";
export const HOME_CHOOSE_PLACE = "home_choose_place";
export const HOME_UNFOLLOW = "home_unfollow";
export const HOME_REMOVE_DAILY = "home_remove_daily";

/** Slack's limits on a button: action_id and value. */
export const MAX_ACTION_ID_CHARS = 255;
export const MAX_BUTTON_VALUE_CHARS = 2000;

export function homeButton(actionId: string, label: string, value?: string, style?: "primary"): Button {
  return {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: label },
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

/** What an Unfollow or Remove button removes: the subscription's id and its owner (a user or channel). */
export interface RemoveValue {
  id: string;
  ownerId: string;
}

export function removeValue(value: RemoveValue): string {
  return JSON.stringify({ id: value.id, owner: value.ownerId });
}

export function parseRemoveValue(value: string | undefined): RemoveValue | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const { id, owner } = parsed as { id?: unknown; owner?: unknown };
  // Ids are ours (UUIDs), owners Slack's (C…, U…): short and plain.
  if (typeof id !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(id)) return undefined;
  if (typeof owner !== "string" || !/^[A-Z0-9]{1,40}$/.test(owner)) return undefined;
  return { id, ownerId: owner };
}
