import type { ActionsBlock, Button, StaticSelect } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../slack/blockKit.js";
import {
  ACTION_PICK_PLACE,
  ACTION_REFRESH,
  ACTION_SHARE,
  parseRefreshValue,
  parseShareValue,
} from "../messages/actions.js";
import { TrackerError } from "../trucks/trackerError.js";
import type { TrackerSnapshot } from "../trucks/tracker.js";
import { composeAnswer, type AnswerContext } from "./composeAnswer.js";

const snapshot: TrackerSnapshot = {
  listings: [
    {
      place: "DC - Farragut Square",
      trucks: [
        { name: "District Taco", url: "http://twitter.com/districttaco" },
        { name: "Fojol Bros", url: null },
      ],
    },
    { place: "DC - Franklin Square", trucks: [{ name: "TaKorean", url: "http://twitter.com/takorean" }] },
    { place: "DC - Metro Center", trucks: [] },
  ],
  sourceUrl: "http://foodtruckfiesta.com/dc-food-truck-list/",
  fetchedAt: new Date("2026-11-30T16:00:00Z"),
};
const context: AnswerContext = { askedBy: "U123", nowMs: Date.parse("2026-11-30T16:05:00Z") };

/** Everything a person could read in the message: its fallback and its blocks. */
const shown = (message: SlackMessage) => JSON.stringify(message);

function actionElements(message: SlackMessage) {
  return (message.blocks ?? [])
    .filter((block): block is ActionsBlock => block.type === "actions")
    .flatMap((block) => block.elements);
}

function button(message: SlackMessage, actionId: string): Button | undefined {
  return actionElements(message).find((element): element is Button => element.action_id === actionId);
}

describe("composeAnswer", () => {
  it("posts the trucks of a named place to the channel, asked by the asker, with a Refresh", () => {
    const answer = composeAnswer({ kind: "places", query: "farragut" }, snapshot, context);
    expect(answer.kind).toBe("posted");
    expect(answer.places).toEqual(["DC - Farragut Square"]);
    expect(answer.message.response_type).toBe("in_channel");
    expect(shown(answer.message)).toContain("District Taco");
    expect(shown(answer.message)).toContain("Fojol Bros");
    expect(shown(answer.message)).not.toContain("TaKorean");
    expect(shown(answer.message)).toContain("asked by <@U123>");
    expect(parseRefreshValue(button(answer.message, ACTION_REFRESH)?.value)).toEqual({
      places: ["DC - Farragut Square"],
    });
    expect(answer.followUp).toBeUndefined();
  });

  it("posts several places in one message, in the tracker's order", () => {
    const answer = composeAnswer({ kind: "places", query: "franklin and farragut" }, snapshot, context);
    expect(answer.kind).toBe("posted");
    expect(answer.places).toEqual(["DC - Farragut Square", "DC - Franklin Square"]);
    expect(shown(answer.message)).toContain("TaKorean");
  });

  it("follows a truck list with a did-you-mean, only to the asker, for the places that matched nothing", () => {
    const answer = composeAnswer({ kind: "places", query: "farragut, zzzz" }, snapshot, context);
    expect(answer.kind).toBe("posted");
    expect(answer.places).toEqual(["DC - Farragut Square"]);
    expect(answer.followUp?.response_type).toBe("ephemeral");
    expect(shown(answer.followUp!)).toContain("zzzz");
  });

  it("guesses nothing for a near miss: a did-you-mean, only to the asker", () => {
    const answer = composeAnswer({ kind: "places", query: "farrgut" }, snapshot, context);
    expect(answer.kind).toBe("unknown-place");
    expect(answer.message.response_type).toBe("ephemeral");
    expect(answer.message.text).toContain("Did you mean");
    expect(answer.message.text).toContain("Farragut Square");
    expect(answer.places).toBeUndefined();
  });

  it("says a place has no trucks yet, names the places that do, and offers to share", () => {
    const answer = composeAnswer({ kind: "places", query: "metro" }, snapshot, context);
    expect(answer.kind).toBe("no-trucks");
    expect(answer.message.response_type).toBe("ephemeral");
    expect(answer.message.text).toContain("No trucks at");
    expect(answer.message.text).toContain("Franklin Square");
    expect(parseShareValue(button(answer.message, ACTION_SHARE)?.value)).toEqual({ kind: "places", query: "metro" });
  });

  it("lists today's places with a Share button for `list`", () => {
    const answer = composeAnswer({ kind: "list" }, snapshot, context);
    expect(answer.kind).toBe("listed");
    expect(answer.message.response_type).toBe("ephemeral");
    expect(shown(answer.message)).toContain("Farragut Square");
    expect(shown(answer.message)).toContain("Metro Center");
    expect(parseShareValue(button(answer.message, ACTION_SHARE)?.value)).toEqual({ kind: "list" });
  });

  it("offers a menu of today's places for a bare command", () => {
    const answer = composeAnswer({ kind: "default" }, snapshot, context);
    expect(answer.kind).toBe("picker");
    expect(answer.message.response_type).toBe("ephemeral");
    const menu = actionElements(answer.message).find((e): e is StaticSelect => e.action_id === ACTION_PICK_PLACE);
    expect(menu?.options?.map((option) => option.value)).toContain("DC - Farragut Square");
  });

  it("posts exactly the named places of a menu choice or Refresh, even one gone from the tracker", () => {
    const answer = composeAnswer(
      { kind: "named-places", places: ["DC - Franklin Square", "DC - Navy Yard"] },
      snapshot,
      context,
    );
    expect(answer.kind).toBe("posted");
    expect(answer.places).toEqual(["DC - Franklin Square", "DC - Navy Yard"]);
    expect(answer.message.response_type).toBe("in_channel");
    expect(shown(answer.message)).toContain("TaKorean");
    expect(shown(answer.message)).toContain("Navy Yard");
  });

  it("keeps a refreshed digest a digest, in its time zone, refreshed by the clicker", () => {
    const answer = composeAnswer(
      { kind: "named-places", places: ["DC - Farragut Square"], digest: { timeZone: "America/Chicago" } },
      snapshot,
      context,
    );
    expect(shown(answer.message)).toContain("daily digest, refreshed by <@U123>");
    expect(shown(answer.message)).not.toContain("asked by");
    expect(parseRefreshValue(button(answer.message, ACTION_REFRESH)?.value)).toEqual({
      places: ["DC - Farragut Square"],
      digest: { timeZone: "America/Chicago" },
    });
  });

  it("marks the trucks of a stale page with its age", () => {
    const stale = { ...snapshot, stale: { error: new TrackerError("unreachable", "connection refused") } };
    const answer = composeAnswer({ kind: "places", query: "farragut" }, stale, context);
    expect(answer.kind).toBe("posted");
    expect(shown(answer.message)).toContain("tracker unreachable, showing the page from");
  });

  it("tells the asker that no place matched when the tracker lists nothing", () => {
    const empty = { ...snapshot, listings: [] };
    const answer = composeAnswer({ kind: "places", query: "farragut" }, empty, context);
    expect(answer.kind).toBe("unknown-place");
    expect(answer.message.text).toContain("No place has trucks yet today.");
  });
});
