// Parsing the interactions views send: a modal's submission, an options load, a Home click, a
// global shortcut; and refusing what lacks what we need.
import { describe, expect, it } from "vitest";
import { parseHomeOpened } from "./homeOpenedEvent.js";
import { isViewInteraction, parseViewInteraction } from "./viewInteraction.js";

const who = { user: { id: "U1", team_id: "T1" }, team: { id: "T1" } };

describe("view interactions", () => {
  it("reads a view_submission's every kind of input as strings, by block and action", () => {
    const payload = {
      type: "view_submission",
      ...who,
      view: {
        id: "V1",
        callback_id: "daily_post",
        private_metadata: "",
        state: {
          values: {
            daily_channel: { channel: { type: "conversations_select", selected_conversation: "C1" } },
            daily_time: { time: { type: "timepicker", selected_time: "11:30" } },
            daily_days: { days: { type: "checkboxes", selected_options: [{ value: "mon" }, { value: "fri" }] } },
            daily_places: { places: { type: "multi_external_select", selected_options: [] } },
            my_place: { place: { type: "external_select", selected_option: { value: "DC - Farragut Square" } } },
            note: { text: { type: "plain_text_input", value: null } },
          },
        },
      },
    };
    expect(isViewInteraction(payload)).toBe(true);
    expect(parseViewInteraction(payload)).toEqual({
      ok: true,
      interaction: {
        type: "view_submission",
        userId: "U1",
        teamId: "T1",
        callbackId: "daily_post",
        viewId: "V1",
        privateMetadata: "",
        values: {
          daily_channel: { channel: ["C1"] },
          daily_time: { time: ["11:30"] },
          daily_days: { days: ["mon", "fri"] },
          daily_places: { places: [] },
          my_place: { place: ["DC - Farragut Square"] },
          note: { text: [] },
        },
      },
    });
  });

  it("reads a block_suggestion, a Home click and a shortcut", () => {
    expect(
      parseViewInteraction({
        type: "block_suggestion",
        ...who,
        action_id: "places",
        block_id: "daily_places",
        value: "farr",
        view: { callback_id: "daily_post" },
      }),
    ).toEqual({
      ok: true,
      interaction: {
        type: "block_suggestion",
        userId: "U1",
        teamId: "T1",
        actionId: "places",
        blockId: "daily_places",
        query: "farr",
        callbackId: "daily_post",
      },
    });
    const click = {
      type: "block_actions",
      ...who,
      trigger_id: "trig",
      view: { type: "home", hash: "h1" },
      actions: [{ action_id: "home_unfollow", value: '{"id":"f1"}' }],
    };
    expect(isViewInteraction(click)).toBe(true);
    expect(parseViewInteraction(click)).toEqual({
      ok: true,
      interaction: {
        type: "view_action",
        userId: "U1",
        teamId: "T1",
        triggerId: "trig",
        viewType: "home",
        viewHash: "h1",
        actionId: "home_unfollow",
        value: '{"id":"f1"}',
      },
    });
    expect(
      parseViewInteraction({
        type: "shortcut",
        user: { id: "U1", team_id: "T1" },
        team: null,
        callback_id: "food_trucks",
        trigger_id: "t",
      }),
    ).toEqual({
      ok: true,
      interaction: { type: "shortcut", userId: "U1", teamId: "T1", callbackId: "food_trucks", triggerId: "t" },
    });
  });

  it("leaves message clicks to interaction.ts and refuses what lacks a needed field", () => {
    expect(isViewInteraction({ type: "block_actions", response_url: "https://hooks.slack.com/x", actions: [] })).toBe(
      false,
    );
    expect(isViewInteraction({ type: "message_action" })).toBe(false);
    expect(parseViewInteraction({ type: "shortcut", ...who, callback_id: "x" })).toEqual({
      ok: false,
      reason: "missing field: trigger_id",
    });
    expect(parseViewInteraction({ type: "view_submission", team: { id: "T1" }, view: { id: "V" } })).toEqual({
      ok: false,
      reason: "missing field: user.id",
    });
    expect(parseViewInteraction({ type: "view_closed", ...who })).toEqual({
      ok: false,
      reason: "unsupported interaction type",
    });
    expect(parseViewInteraction("nope")).toEqual({ ok: false, reason: "payload is not an object" });
  });
});

describe("app_home_opened", () => {
  it("reads who opened which tab and the hash of the Home they see", () => {
    expect(parseHomeOpened({ type: "app_home_opened", user: "U1", tab: "home", view: { hash: "h1" } })).toEqual({
      userId: "U1",
      tab: "home",
      viewHash: "h1",
    });
    expect(parseHomeOpened({ type: "app_home_opened", user: "U1", tab: "messages" })).toEqual({
      userId: "U1",
      tab: "messages",
    });
    expect(parseHomeOpened({ type: "app_mention", user: "U1" })).toBeUndefined();
    expect(parseHomeOpened({ type: "app_home_opened" })).toBeUndefined();
  });
});
