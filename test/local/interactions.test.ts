// Clicks in our messages, end to end over loopback: the place menu, Share and Refresh.
import { readFileSync } from "node:fs";
import type { ActionsBlock, StaticSelect, Button } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";
import { useRoundTrip } from "../helpers/roundTrip.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");
const trip = useRoundTrip(fixture);
const posted = () => trip.posted();
const nextResponseUrl = (kind: string) => trip.responseUrl(kind);

async function command(text: string) {
  const body = commandBody(text, nextResponseUrl("commands"));
  await fetch(`${trip.baseUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
  await trip.local.idle();
  return posted();
}

function interactionBody(action: Record<string, unknown>, options: { ephemeral?: boolean; type?: string } = {}) {
  const payload = {
    type: options.type ?? "block_actions",
    user: { id: "U0CLICKER", username: "clicker", team_id: "T0TEST" },
    team: { id: "T0TEST", domain: "testers" },
    channel: { id: "C0TEST", name: "lunch" },
    container: { type: "message", message_ts: "1.2", channel_id: "C0TEST", is_ephemeral: options.ephemeral ?? false },
    api_app_id: "A0TEST",
    trigger_id: "1.2.3",
    response_url: nextResponseUrl("actions"),
    actions: [{ block_id: "b", action_ts: "1.3", ...action }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

async function click(
  action: Record<string, unknown>,
  options: { ephemeral?: boolean; type?: string; secret?: string } = {},
) {
  const body = interactionBody(action, options);
  const before = trip.catcher.requests.length;
  const response = await fetch(`${trip.baseUrl}/slack/interactions`, {
    method: "POST",
    headers: signedHeaders(body, { secret: options.secret }),
    body,
  });
  await trip.local.idle();
  return { status: response.status, text: await response.text(), messages: posted().slice(before) };
}

const actionsOf = (message: SlackMessage) =>
  (message.blocks ?? []).filter((block): block is ActionsBlock => block.type === "actions");
const elementWith = <T>(message: SlackMessage, actionId: string) =>
  actionsOf(message)
    .flatMap((block) => block.elements)
    .find((element) => "action_id" in element && element.action_id === actionId) as T | undefined;

describe("/foodtrucks with no place: a menu", () => {
  it("offers today's places, those with trucks first, with their counts", async () => {
    const [picker] = await command("");
    expect(picker!.response_type).toBe("ephemeral");
    const select = elementWith<StaticSelect>(picker!, "pick_place")!;
    expect(select.type).toBe("static_select");
    const options = select.options!.map((option) => option.text.text);
    expect(options[0]).toBe("DC - Farragut Square (5)");
    expect(options).toContain("DC - Metro Center (0)");
    expect(options.indexOf("DC - Metro Center (0)")).toBe(options.length - 1);
  });

  it("choosing a place posts it to the channel, then removes the menu", async () => {
    const { status, text, messages } = await click(
      {
        action_id: "pick_place",
        type: "static_select",
        selected_option: { text: { type: "plain_text", text: "x" }, value: "DC - Franklin Square" },
      },
      { ephemeral: true },
    );
    expect(status).toBe(200);
    expect(text).toBe("");
    expect(messages).toHaveLength(2);
    expect(messages[0]!.response_type).toBe("in_channel");
    expect(JSON.stringify(messages[0]!.blocks)).toContain("TaKorean");
    expect(JSON.stringify(messages[0]!.blocks)).toContain("<@U0CLICKER>");
    expect(messages[1]).toMatchObject({ delete_original: true });
  });
});

describe("Share with channel", () => {
  it("the list, shared, is posted for everyone without its own Share button", async () => {
    const [list] = await command("list");
    const share = elementWith<Button>(list!, "share_with_channel")!;
    expect(share.text.text).toBe("Share with channel");

    const { messages } = await click(
      { action_id: "share_with_channel", type: "button", value: share.value },
      { ephemeral: true },
    );
    expect(messages[0]!.response_type).toBe("in_channel");
    expect(JSON.stringify(messages[0]!.blocks)).toContain("DC - Farragut Square");
    expect(elementWith(messages[0]!, "share_with_channel")).toBeUndefined();
    expect(messages[1]).toMatchObject({ delete_original: true });
  });

  it("an empty place's answer can be shared too", async () => {
    const [noTrucks] = await command("metro center");
    const share = elementWith<Button>(noTrucks!, "share_with_channel")!;
    const { messages } = await click(
      { action_id: "share_with_channel", type: "button", value: share.value },
      { ephemeral: true },
    );
    expect(messages[0]!.response_type).toBe("in_channel");
    expect(messages[0]!.text).toMatch(/No trucks at DC - Metro Center/);
  });
});

describe("Refresh", () => {
  it("re-reads the tracker and replaces the channel post", async () => {
    const [post] = await command("farragut, franklin");
    const refresh = elementWith<Button>(post!, "refresh_trucks")!;
    expect(JSON.parse(refresh.value!)).toEqual({ places: ["DC - Farragut Square", "DC - Franklin Square"] });

    const { messages } = await click({ action_id: "refresh_trucks", type: "button", value: refresh.value });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ response_type: "in_channel", replace_original: true });
    expect(JSON.stringify(messages[0]!.blocks)).toContain("District Taco");
    expect(JSON.stringify(messages[0]!.blocks)).toContain("TaKorean");
  });

  it("a refreshed digest stays a digest, in its own time zone, and says who refreshed it", async () => {
    const value = JSON.stringify({ places: ["DC - Farragut Square"], digest: { timeZone: "America/Los_Angeles" } });
    const { messages } = await click({ action_id: "refresh_trucks", type: "button", value });
    expect(messages).toHaveLength(1);
    const blocks = JSON.stringify(messages[0]!.blocks);
    expect(blocks).toContain("daily digest, refreshed by <@U0CLICKER>");
    expect(blocks).not.toContain("asked by");
    // The new message's own Refresh keeps the digest and its zone.
    const again = elementWith<Button>(messages[0]!, "refresh_trucks")!;
    expect(JSON.parse(again.value!)).toEqual({
      places: ["DC - Farragut Square"],
      digest: { timeZone: "America/Los_Angeles" },
    });
  });

  it("a place gone from the tracker since is shown with no trucks, still for the channel", async () => {
    const { messages } = await click({
      action_id: "refresh_trucks",
      type: "button",
      value: JSON.stringify({ places: ["DC - Gone Today"] }),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ response_type: "in_channel", replace_original: true });
    expect(JSON.stringify(messages[0]!.blocks)).toContain("DC - Gone Today");
    expect(JSON.stringify(messages[0]!.blocks)).toContain("No trucks yet");
  });
});

describe("bad interactions", () => {
  it("a bad signature gets 401 and nothing is posted", async () => {
    const { status, messages } = await click(
      { action_id: "refresh_trucks", value: '{"places":["DC - NoMa"]}' },
      { secret: "wrong" },
    );
    expect(status).toBe(401);
    expect(messages).toHaveLength(0);
  });

  it("an interaction type we don't handle gets 400", async () => {
    const { status, messages } = await click({ action_id: "x" }, { type: "view_submission" });
    expect(status).toBe(400);
    expect(messages).toHaveLength(0);
  });

  it("an unknown action or a value we did not write is acknowledged and ignored", async () => {
    expect((await click({ action_id: "something_else", value: "1" })).messages).toHaveLength(0);
    expect((await click({ action_id: "refresh_trucks", value: "not json" })).messages).toHaveLength(0);
  });

  it("a form without a payload gets 400", async () => {
    const body = "foo=bar";
    const response = await fetch(`${trip.baseUrl}/slack/interactions`, {
      method: "POST",
      headers: signedHeaders(body),
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("missing field: payload");
  });
});
