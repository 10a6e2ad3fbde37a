// The settings modals: a channel's daily post, following a truck, choosing one's place. They are
// built from nothing the tracker says, so they open at once (a trigger_id lasts 3 s); places and
// trucks load as the person types, through external selects (block_suggestion, options.ts).
import type { Checkboxes, InputBlock, ModalView, PlainTextOption } from "@slack/types";
import { WORKDAYS } from "../subscriptions/schedule.js";
import { MAX_PLACES_PER_DIGEST, WEEKDAYS, type Weekday } from "../subscriptions/subscription.js";

export const DAILY_POST_MODAL = "daily_post";
export const FOLLOW_TRUCK_MODAL = "follow_truck";
export const MY_PLACE_MODAL = "my_place";

/** block_id and action_id of each input: a submission's errors name the block. */
export const FIELDS = {
  channel: { block: "daily_channel", action: "channel" },
  time: { block: "daily_time", action: "time" },
  days: { block: "daily_days", action: "days" },
  places: { block: "daily_places", action: "places" },
  truck: { block: "follow_truck", action: "truck" },
  place: { block: "my_place", action: "place" },
} as const;

/** The time a new daily post suggests. */
const SUGGESTED_TIME = "11:30";

const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** Week order starting Monday, as people read a work week. */
const DAYS_SHOWN: Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/** The daily post modal; `channelId`: where it was opened from, the channel it suggests. */
export function dailyPostModal(channelId?: string): ModalView {
  const dayOption = (day: Weekday): PlainTextOption => ({ text: plain(DAY_NAMES[day]), value: day });
  const days: Checkboxes = {
    type: "checkboxes",
    action_id: FIELDS.days.action,
    options: DAYS_SHOWN.map(dayOption),
    initial_options: DAYS_SHOWN.filter((day) => WORKDAYS.includes(day)).map(dayOption),
  };
  return modal(DAILY_POST_MODAL, "Daily post", "Save", [
    input(FIELDS.channel.block, "Post in", {
      type: "conversations_select",
      action_id: FIELDS.channel.action,
      ...(channelId ? { initial_conversation: channelId } : { default_to_current_conversation: true }),
      filter: { include: ["public", "private"], exclude_bot_users: true },
    }),
    input(FIELDS.time.block, "At", {
      type: "timepicker",
      action_id: FIELDS.time.action,
      initial_time: SUGGESTED_TIME,
    }),
    input(FIELDS.days.block, "On", days),
    input(FIELDS.places.block, "The trucks at", {
      type: "multi_external_select",
      action_id: FIELDS.places.action,
      placeholder: plain("Type a place"),
      min_query_length: 0,
      max_selected_items: MAX_PLACES_PER_DIGEST,
    }),
  ]);
}

export function followTruckModal(): ModalView {
  return modal(FOLLOW_TRUCK_MODAL, "Follow a truck", "Follow", [
    input(
      FIELDS.truck.block,
      "Truck",
      {
        type: "external_select",
        action_id: FIELDS.truck.action,
        placeholder: plain("Type a truck's name"),
        min_query_length: 0,
      },
      "You get a direct message on weekday mornings when it is out.",
    ),
  ]);
}

export function myPlaceModal(): ModalView {
  return modal(MY_PLACE_MODAL, "Choose my place", "Save", [
    input(
      FIELDS.place.block,
      "My place",
      {
        type: "external_select",
        action_id: FIELDS.place.action,
        placeholder: plain("Type a place"),
        min_query_length: 0,
      },
      "Your Home tab shows today's trucks there.",
    ),
  ]);
}

function modal(callbackId: string, title: string, submit: string, blocks: InputBlock[]): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    title: plain(title),
    submit: plain(submit),
    close: plain("Cancel"),
    blocks,
  };
}

function input(blockId: string, label: string, element: InputBlock["element"], hint?: string): InputBlock {
  return { type: "input", block_id: blockId, label: plain(label), element, ...(hint ? { hint: plain(hint) } : {}) };
}

function plain(text: string) {
  return { type: "plain_text" as const, text };
}
