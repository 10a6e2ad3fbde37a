import { describe, expect, it } from "vitest";
import { parseSlashCommand, parseSlashCommandPayload } from "./slashCommand.js";
import { parseInteraction, parseInteractionPayload } from "./interaction.js";

const RESPONSE_URL = "https://hooks.slack.com/actions/T1/123/abc";

/** A block_actions payload as Slack sends it, with any field replaced or removed (undefined). */
function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    type: "block_actions",
    user: { id: "U123", team_id: "T1" },
    team: { id: "T1" },
    container: { type: "message", is_ephemeral: true },
    response_url: RESPONSE_URL,
    actions: [{ action_id: "share_with_channel", value: '{"kind":"list"}' }],
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

const form = (value: unknown) => new URLSearchParams({ payload: JSON.stringify(value) }).toString();

describe("parseInteraction", () => {
  it("reads a button click", () => {
    expect(parseInteraction(form(payload()))).toEqual({
      ok: true,
      interaction: {
        userId: "U123",
        teamId: "T1",
        responseUrl: RESPONSE_URL,
        fromEphemeral: true,
        action: { actionId: "share_with_channel", value: '{"kind":"list"}' },
      },
    });
  });

  it("reads a menu choice, from a message in the channel", () => {
    const result = parseInteraction(
      form(
        payload({
          container: { type: "message", is_ephemeral: false },
          actions: [{ action_id: "pick_place", selected_option: { value: "DC - Farragut Square" } }],
        }),
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      interaction: { fromEphemeral: false, action: { actionId: "pick_place", selectedValue: "DC - Farragut Square" } },
    });
    expect(result.ok && "value" in result.interaction.action).toBe(false);
  });

  it("acts in the payload's team, not the clicker's home team (another workspace of the grid)", () => {
    const result = parseInteraction(form(payload({ team: { id: "T2" }, user: { id: "U9", team_id: "T9" } })));
    expect(result).toMatchObject({ ok: true, interaction: { userId: "U9", teamId: "T2" } });
  });

  it("acts in the enterprise for an org-wide install (team: null), as a command does", () => {
    const orgWide = { team: null, enterprise: { id: "E1" }, is_enterprise_install: true };
    const result = parseInteraction(form(payload({ ...orgWide, user: { id: "U9", team_id: "T9" } })));
    expect(result).toMatchObject({ ok: true, interaction: { userId: "U9", teamId: "E1" } });
    const command = parseSlashCommand(
      "command=%2Ffoodtrucks&text=daily&user_id=U9&team_id=T2&enterprise_id=E1&is_enterprise_install=true&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT2%2F1%2Fabc",
    );
    expect(command).toMatchObject({ ok: true, command: { teamId: "E1" } });
    expect(
      parseSlashCommandPayload({
        ...Object.fromEntries(
          new URLSearchParams(
            "command=/f&user_id=U9&team_id=T2&enterprise_id=E1&response_url=https://hooks.slack.com/x",
          ),
        ),
        is_enterprise_install: true,
      }),
    ).toMatchObject({ ok: true, command: { teamId: "E1" } });
    // Without the org-wide flag, the workspace is the team, for commands and buttons alike.
    expect(
      parseSlashCommand(
        "command=%2Ff&user_id=U9&team_id=T2&enterprise_id=E1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx",
      ),
    ).toMatchObject({ ok: true, command: { teamId: "T2" } });
  });

  it("refuses an action with no team to act in (team: null outside an org-wide install)", () => {
    expect(parseInteraction(form(payload({ team: null, user: { id: "U9", team_id: "T9" } })))).toEqual({
      ok: false,
      reason: "missing field: team.id",
    });
  });

  it("uses the first action only", () => {
    const result = parseInteraction(
      form(payload({ actions: [{ action_id: "refresh_trucks", value: "a" }, { action_id: "other" }] })),
    );
    expect(result).toMatchObject({ ok: true, interaction: { action: { actionId: "refresh_trucks", value: "a" } } });
  });

  it("takes a missing container as not ephemeral", () => {
    expect(parseInteraction(form(payload({ container: undefined })))).toMatchObject({
      ok: true,
      interaction: { fromEphemeral: false },
    });
  });

  it.each<[string, string]>([
    ["payload=%E0%A4%A", "malformed form body"],
    ["payload=%ZZ", "malformed form body"],
    ["token=abc", "missing field: payload"],
    ["payload=", "missing field: payload"],
    [`payload=${"x".repeat(30_001)}`, "payload too large"],
    ["payload=%7Bnot%20json", "payload is not JSON"],
    [form([1, 2]), "payload is not an object"],
    [form("block_actions"), "payload is not an object"],
    [form(payload({ type: "view_submission" })), "unsupported interaction type"],
    [form(payload({ type: undefined })), "unsupported interaction type"],
    [form(payload({ user: undefined })), "missing field: user.id"],
    [form(payload({ user: { id: 5 } })), "missing field: user.id"],
    [form(payload({ team: undefined, user: { id: "U1" } })), "missing field: team.id"],
    [form(payload({ response_url: undefined })), "missing or invalid field: response_url"],
    [form(payload({ response_url: "javascript:alert(1)" })), "missing or invalid field: response_url"],
    [form(payload({ response_url: "not a url" })), "missing or invalid field: response_url"],
    [form(payload({ actions: [] })), "missing field: actions"],
    [form(payload({ actions: "share" })), "missing field: actions"],
    [form(payload({ actions: [{ value: "x" }] })), "missing field: actions"],
  ])("refuses %s: %s", (body, reason) => {
    expect(parseInteraction(body)).toEqual({ ok: false, reason });
  });

  it("never puts the response_url in a reason", () => {
    const result = parseInteraction(form(payload({ actions: [] })));
    expect(JSON.stringify(result)).not.toContain(RESPONSE_URL);
  });
});

const PAYLOAD = {
  type: "block_actions",
  user: { id: "U1", team_id: "T1" },
  team: { id: "T1" },
  container: { type: "message", is_ephemeral: true },
  response_url: "https://hooks.slack.com/actions/T1/1/abc",
  actions: [{ action_id: "pick_place", selected_option: { value: "Farragut Square" } }],
};

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
