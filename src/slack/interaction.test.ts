import { describe, expect, it } from "vitest";
import { parseInteraction, parseInteractionPayload } from "./interaction.js";

const PAYLOAD = {
  type: "block_actions",
  user: { id: "U1", team_id: "T1" },
  team: { id: "T1" },
  container: { type: "message", is_ephemeral: true },
  response_url: "https://hooks.slack.com/actions/T1/1/abc",
  actions: [{ action_id: "pick_place", selected_option: { value: "Farragut Square" } }],
};

const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe("parseInteraction and parseInteractionPayload", () => {
  it("read a click the same from the form (HTTP) and from the JSON (Socket Mode)", () => {
    const expected = {
      ok: true,
      interaction: {
        userId: "U1",
        teamId: "T1",
        responseUrl: PAYLOAD.response_url,
        fromEphemeral: true,
        action: { actionId: "pick_place", selectedValue: "Farragut Square" },
      },
    };
    expect(parseInteraction(form(PAYLOAD))).toEqual(expected);
    expect(parseInteractionPayload(PAYLOAD)).toEqual(expected);
  });

  it("refuse what is not one of our block actions", () => {
    expect(parseInteractionPayload({ ...PAYLOAD, type: "view_submission" })).toEqual({
      ok: false,
      reason: "unsupported interaction type",
    });
    expect(parseInteractionPayload({ ...PAYLOAD, response_url: "javascript:alert(1)" })).toEqual({
      ok: false,
      reason: "missing or invalid field: response_url",
    });
    expect(parseInteractionPayload([PAYLOAD])).toEqual({ ok: false, reason: "payload is not an object" });
    expect(parseInteraction("payload=%7Bnot")).toEqual({ ok: false, reason: "payload is not JSON" });
  });
});
