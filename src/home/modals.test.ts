// The settings modals: what each asks, with the ids a submission's errors name, valid by Slack's
// limits; and the options external selects load, within Slack's option limits.
import { describe, expect, it } from "vitest";
import { viewProblems } from "../../test/helpers/blockKitLimits.js";
import { dailyPostModal, FIELDS, followTruckModal, myPlaceModal } from "./modals.js";
import { MAX_OPTIONS, placeOptions, truckOptions } from "./options.js";

describe("the settings modals", () => {
  it("daily post: channel (the current one), time, weekdays ticked, up to 10 places loaded as typed", () => {
    const view = dailyPostModal("C42");
    expect(view.callback_id).toBe("daily_post");
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      FIELDS.channel.block,
      FIELDS.time.block,
      FIELDS.days.block,
      FIELDS.places.block,
    ]);
    const elements = JSON.stringify(view.blocks);
    expect(elements).toContain('"type":"conversations_select","action_id":"channel","initial_conversation":"C42"');
    expect(elements).toContain('"initial_time":"11:30"');
    expect(elements).toContain('"type":"multi_external_select","action_id":"places"');
    expect(elements).toContain('"max_selected_items":10');
    const days = view.blocks[2] as { element: { initial_options: { value: string }[] } };
    expect(days.element.initial_options.map((o) => o.value)).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(JSON.stringify(dailyPostModal().blocks)).toContain('"default_to_current_conversation":true');
    expect(viewProblems(view)).toEqual([]);
  });

  it("follow a truck and my place: one external select each", () => {
    for (const [view, callbackId, field] of [
      [followTruckModal(), "follow_truck", FIELDS.truck],
      [myPlaceModal(), "my_place", FIELDS.place],
    ] as const) {
      expect(view.callback_id).toBe(callbackId);
      expect(view.blocks).toHaveLength(1);
      expect(view.blocks[0]).toMatchObject({
        type: "input",
        block_id: field.block,
        element: { type: "external_select", action_id: field.action },
      });
      expect(viewProblems(view)).toEqual([]);
    }
  });
});

const listings = [
  { place: "DC - Farragut Square", trucks: [{ name: "Sol Mexican Grill", url: null }] },
  { place: "DC - Franklin Square", trucks: [] },
  {
    place: "DC - Union Station",
    trucks: [
      { name: "TaKorean", url: null },
      { name: "Sol Mexican Grill", url: null },
    ],
  },
];

describe("the options an external select loads", () => {
  it("offers today's places matching the words typed, with their truck counts; all of them for nothing typed", () => {
    expect(placeOptions(listings, "farr sq").options).toEqual([
      { text: { type: "plain_text", text: "DC - Farragut Square (1 truck)" }, value: "DC - Farragut Square" },
    ]);
    expect(placeOptions(listings, "").options.map((o) => o.value)).toEqual(listings.map((l) => l.place));
    expect(placeOptions(listings, "square").options.map((o) => o.value)).toEqual([
      "DC - Farragut Square",
      "DC - Franklin Square",
    ]);
  });

  it("offers the closest places for a typo, and nothing for nonsense", () => {
    expect(placeOptions(listings, "farragot").options.map((o) => o.value)).toEqual(["DC - Farragut Square"]);
    expect(placeOptions(listings, "zzzzzz").options).toEqual([]);
  });

  it("offers each of today's trucks once, sorted", () => {
    expect(truckOptions(listings, "").options.map((o) => o.value)).toEqual(["Sol Mexican Grill", "TaKorean"]);
    expect(truckOptions(listings, "tak").options.map((o) => o.value)).toEqual(["TaKorean"]);
  });

  it("keeps within Slack's limits: 100 options, 75-character texts, 150-character values", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      place: `${"Very long place name ".repeat(5)}${i}`,
      trucks: [{ name: `${"Truck ".repeat(20)}${i}`, url: null }],
    }));
    many.push({ place: "X".repeat(151), trucks: [] });
    for (const { options } of [placeOptions(many, ""), truckOptions(many, "")]) {
      expect(options).toHaveLength(MAX_OPTIONS);
      for (const option of options) {
        expect(option.text.text.length).toBeLessThanOrEqual(75);
        expect(option.value!.length).toBeLessThanOrEqual(150);
      }
    }
    // A name too long to come back whole in a value is not offered.
    expect(placeOptions(many, "xxx").options).toEqual([]);
  });
});
