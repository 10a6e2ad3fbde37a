import type { Button, StaticSelect } from "@slack/types";
import { describe, expect, it } from "vitest";
import {
  ACTION_PICK_PLACE,
  ACTION_REFRESH,
  ACTION_SHARE,
  parseRefreshValue,
  parseShareValue,
  placePicker,
  refreshButton,
  shareButton,
  type RefreshRequest,
  type ShareRequest,
} from "./actions.js";

/** Slack refuses a button whose value is longer than this. */
const SLACK_MAX_VALUE_CHARS = 2000;

function onlyButton(block: ReturnType<typeof shareButton>): Button {
  expect(block.elements).toHaveLength(1);
  return block.elements[0] as Button;
}

describe("Share button", () => {
  it.each<ShareRequest>([{ kind: "list" }, { kind: "places", query: "farragut, franklin" }])(
    "round-trips %j through its value",
    (request) => {
      const button = onlyButton(shareButton(request));
      expect(button.action_id).toBe(ACTION_SHARE);
      expect(button.style).toBe("primary");
      expect(parseShareValue(button.value)).toEqual(request);
    },
  );

  it.each([
    undefined,
    "",
    "not json",
    "null",
    "[]",
    '"list"',
    '{"kind":"places"}',
    '{"kind":"places","query":"   "}',
    '{"kind":"places","query":42}',
    '{"kind":"default"}',
  ])("ignores a value it did not write: %j", (value) => {
    expect(parseShareValue(value)).toBeUndefined();
  });
});

describe("Refresh button", () => {
  it.each<RefreshRequest>([
    { places: ["DC - Farragut Square"] },
    { places: ["DC - Farragut Square", "DC - Franklin Square"], digest: { timeZone: "America/New_York" } },
    { places: ["Cartopia"], digest: {} },
  ])("round-trips %j through its value", (request) => {
    const button = onlyButton(refreshButton(request));
    expect(button.action_id).toBe(ACTION_REFRESH);
    expect(parseRefreshValue(button.value)).toEqual(request);
  });

  it("keeps its value within Slack's 2,000 characters by dropping the places that do not fit", () => {
    const places = Array.from({ length: 100 }, (_, i) => `Place number ${i} with a long name, "quoted" too`);
    const value = onlyButton(refreshButton({ places, digest: { timeZone: "America/Los_Angeles" } })).value!;
    expect(value.length).toBeLessThanOrEqual(SLACK_MAX_VALUE_CHARS);
    const parsed = parseRefreshValue(value)!;
    // The kept places are the first ones, in order, and one more would not have fitted.
    expect(parsed.places).toEqual(places.slice(0, parsed.places.length));
    expect(parsed.places.length).toBeGreaterThan(0);
    expect(parsed.places.length).toBeLessThan(places.length);
    const oneMore = JSON.stringify({
      places: places.slice(0, parsed.places.length + 1),
      digest: { timeZone: "America/Los_Angeles" },
    });
    expect(oneMore.length).toBeGreaterThan(SLACK_MAX_VALUE_CHARS);
    expect(parsed.digest).toEqual({ timeZone: "America/Los_Angeles" });
  });

  it("keeps every place when they all fit, even multibyte names at the edge", () => {
    const places = ["Café Ñandú 🌮", "L'Enfant Plaza"];
    expect(parseRefreshValue(onlyButton(refreshButton({ places })).value)).toEqual({ places });
  });

  it.each([
    undefined,
    "",
    "{",
    '{"places":[]}',
    '{"places":"DC - Farragut Square"}',
    '{"places":[1,2,""]}',
    '{"digest":{"timeZone":"UTC"}}',
  ])("ignores a value it did not write: %j", (value) => {
    expect(parseRefreshValue(value)).toBeUndefined();
  });

  it("keeps only the good parts of a value: string places, a sane time zone", () => {
    expect(parseRefreshValue('{"places":["A",3,"B"]}')).toEqual({ places: ["A", "B"] });
    expect(parseRefreshValue(JSON.stringify({ places: ["A"], digest: { timeZone: "x".repeat(65) } }))).toEqual({
      places: ["A"],
      digest: {},
    });
    expect(parseRefreshValue('{"places":["A"],"digest":null}')).toEqual({ places: ["A"] });
  });
});

describe("place menu", () => {
  const menu = (places: { place: string; trucks: number }[]) => placePicker(places)?.elements[0] as StaticSelect;

  it("offers each place with its truck count, its exact name as the value", () => {
    const select = menu([
      { place: "DC - Farragut Square", trucks: 7 },
      { place: "DC - Franklin Square", trucks: 0 },
    ]);
    expect(select.action_id).toBe(ACTION_PICK_PLACE);
    expect(select.options).toEqual([
      { text: { type: "plain_text", text: "DC - Farragut Square (7)" }, value: "DC - Farragut Square" },
      { text: { type: "plain_text", text: "DC - Franklin Square (0)" }, value: "DC - Franklin Square" },
    ]);
  });

  it("stays within Slack's limits: 100 options, 75-character texts, 150-character values", () => {
    const long = "A place with a very long name ".repeat(4);
    const select = menu([
      { place: "x".repeat(151), trucks: 1 },
      ...Array.from({ length: 120 }, (_, i) => ({ place: `${long}${i}`, trucks: i })),
    ]);
    expect(select.options).toHaveLength(100);
    for (const option of select.options ?? []) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(option.value!.length).toBeLessThanOrEqual(150);
    }
    // A name too long to carry back exactly is not offered; the others keep their exact names.
    expect(select.options?.[0]?.value).toBe(`${long}0`);
    expect(select.options?.[0]?.text.text).toMatch(/ \(0\)$/);
  });

  it("is absent when no place fits (Slack refuses an empty menu)", () => {
    expect(placePicker([])).toBeUndefined();
    expect(placePicker([{ place: "y".repeat(151), trucks: 2 }])).toBeUndefined();
  });
});
