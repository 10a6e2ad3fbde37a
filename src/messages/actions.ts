// The buttons and menus slacktrux puts in its messages, and what their values carry. A value
// comes back to us inside a signed interaction payload, so it is trusted to be ours, but it is
// still parsed defensively: a malformed value is ignored, never thrown on.
import type { ActionsBlock, Button, StaticSelect } from "@slack/types";
import { truncate } from "../slack/truncate.js";

export const ACTION_PICK_PLACE = "pick_place";
export const ACTION_SHARE = "share_with_channel";
export const ACTION_REFRESH = "refresh_trucks";
export const ACTION_REMOVE_SUBSCRIPTION = "remove_subscription";

/** Slack's limits on interactive elements. */
const MAX_VALUE_CHARS = 2000;
const MAX_OPTION_VALUE_CHARS = 150;
const MAX_OPTION_TEXT_CHARS = 75;
const MAX_OPTIONS = 100;
/** IANA zone names are short; anything longer is not one we wrote. */
const MAX_TIME_ZONE_CHARS = 64;

/** What a Share button re-runs, now for the whole channel. */
export type ShareRequest = { kind: "list" } | { kind: "places"; query: string };

export function shareButton(request: ShareRequest): ActionsBlock {
  return actions([button(ACTION_SHARE, "Share with channel", JSON.stringify(request), "primary")]);
}

export function parseShareValue(value: string | undefined): ShareRequest | undefined {
  const parsed = parseJson(value);
  if (parsed?.kind === "list") return { kind: "list" };
  if (parsed?.kind === "places" && typeof parsed.query === "string" && parsed.query.trim())
    return { kind: "places", query: parsed.query };
  return undefined;
}

/** What a Refresh re-renders: the places shown and, for a digest post, that it is one and its time zone. */
export interface RefreshRequest {
  places: string[];
  digest?: { timeZone?: string };
}

/** A Refresh button naming the places shown; places that no longer fit the value are dropped. */
export function refreshButton(request: RefreshRequest): ActionsBlock {
  const extra = request.digest ? { digest: request.digest } : {};
  const kept: string[] = [];
  for (const place of request.places) {
    if (JSON.stringify({ places: [...kept, place], ...extra }).length > MAX_VALUE_CHARS) break;
    kept.push(place);
  }
  return actions([button(ACTION_REFRESH, "Refresh", JSON.stringify({ places: kept, ...extra }))]);
}

export function parseRefreshValue(value: string | undefined): RefreshRequest | undefined {
  const parsed = parseJson(value);
  const places = parsed?.places;
  if (!Array.isArray(places)) return undefined;
  const names = places.filter((place): place is string => typeof place === "string" && place.length > 0);
  if (names.length === 0) return undefined;
  const digest = parsed?.digest;
  if (digest === null || typeof digest !== "object") return { places: names };
  const timeZone = (digest as { timeZone?: unknown }).timeZone;
  return {
    places: names,
    digest: typeof timeZone === "string" && timeZone.length <= MAX_TIME_ZONE_CHARS ? { timeZone } : {},
  };
}

/** A Remove (digest) or Unfollow (follow) button; the value is the subscription's id. */
export function removeSubscriptionButton(id: string, label: string): Button {
  return button(ACTION_REMOVE_SUBSCRIPTION, label, JSON.stringify({ id }));
}

/** The id a Remove button carries; ids are ours, short and plain. */
export function parseRemoveSubscriptionValue(value: string | undefined): string | undefined {
  const id = parseJson(value)?.id;
  return typeof id === "string" && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * A menu of places, each with its truck count; choosing one posts that place to the channel.
 * Undefined when no place fits a menu option (Slack would refuse an empty menu).
 */
export function placePicker(places: { place: string; trucks: number }[]): ActionsBlock | undefined {
  const options = places
    // The value carries the exact name back, so a longer one cannot be offered.
    .filter(({ place }) => place.length <= MAX_OPTION_VALUE_CHARS)
    .slice(0, MAX_OPTIONS)
    .map(({ place, trucks }) => {
      const count = ` (${trucks})`;
      return {
        text: { type: "plain_text" as const, text: truncate(place, MAX_OPTION_TEXT_CHARS - count.length) + count },
        value: place,
      };
    });
  if (options.length === 0) return undefined;
  const select: StaticSelect = {
    type: "static_select",
    action_id: ACTION_PICK_PLACE,
    placeholder: { type: "plain_text", text: "Choose a place" },
    options,
  };
  return actions([select]);
}

function button(actionId: string, label: string, value: string, style?: "primary"): Button {
  return {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: label },
    value,
    ...(style ? { style } : {}),
  };
}

function actions(elements: ActionsBlock["elements"]): ActionsBlock {
  return { type: "actions", elements };
}

function parseJson(value: string | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
