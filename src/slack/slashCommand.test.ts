import { describe, expect, it } from "vitest";
import { MAX_COMMAND_TEXT_CHARS, parseSlashCommand, parseSlashCommandPayload } from "./slashCommand.js";

const FIELDS: Record<string, string> = {
  token: "xyzz0WbapA4vBCDEFasx0q6G",
  team_id: "T1DC2JH3J",
  team_domain: "testteamnow",
  channel_id: "G8PSS9T3V",
  channel_name: "foobar",
  user_id: "U2CERLKJA",
  user_name: "roadrunner",
  command: "/foodtrucks",
  text: "farragut",
  api_app_id: "A0123456",
  response_url: "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN",
  trigger_id: "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
};

function body(overrides: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...FIELDS, ...overrides })) {
    if (value !== undefined) params.set(key, value);
  }
  return params.toString();
}

function textOf(raw: string): string {
  const result = parseSlashCommand(body({ text: raw }));
  if (!result.ok) throw new Error(result.reason);
  return result.command.text;
}

describe("parseSlashCommand", () => {
  it("parses a good body", () => {
    expect(parseSlashCommand(body())).toEqual({
      ok: true,
      command: {
        command: "/foodtrucks",
        text: "farragut",
        responseUrl: FIELDS.response_url,
        userId: "U2CERLKJA",
        userName: "roadrunner",
        teamId: "T1DC2JH3J",
        teamDomain: "testteamnow",
        channelId: "G8PSS9T3V",
        channelName: "foobar",
        triggerId: FIELDS.trigger_id,
        apiAppId: "A0123456",
      },
    });
  });

  it("parses Slack's own encoding (%2F, + for space)", () => {
    const raw =
      "command=%2Ffoodtrucks&text=farragut%2C+franklin&user_id=U1&team_id=T1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fabc";
    const result = parseSlashCommand(raw);
    expect(result).toMatchObject({
      ok: true,
      command: {
        command: "/foodtrucks",
        text: "farragut, franklin",
        responseUrl: "https://hooks.slack.com/commands/T1/1/abc",
      },
    });
  });

  it("defaults optional fields to empty strings", () => {
    const minimal = body({
      text: undefined,
      user_name: undefined,
      team_domain: undefined,
      channel_id: undefined,
      channel_name: undefined,
      trigger_id: undefined,
      api_app_id: undefined,
    });
    const result = parseSlashCommand(minimal);
    expect(result).toMatchObject({
      ok: true,
      command: { text: "", userName: "", teamDomain: "", channelId: "", channelName: "", triggerId: "", apiAppId: "" },
    });
  });

  it.each(["command", "response_url", "user_id", "team_id"])("requires %s", (name) => {
    expect(parseSlashCommand(body({ [name]: undefined }))).toEqual({ ok: false, reason: `missing field: ${name}` });
    expect(parseSlashCommand(body({ [name]: "" }))).toEqual({ ok: false, reason: `missing field: ${name}` });
  });

  it("refuses a response_url that is not a web URL", () => {
    expect(parseSlashCommand(body({ response_url: "not a url" }))).toEqual({
      ok: false,
      reason: "invalid field: response_url",
    });
    expect(parseSlashCommand(body({ response_url: "file:///etc/passwd" }))).toEqual({
      ok: false,
      reason: "invalid field: response_url",
    });
  });

  it("treats an empty body as missing the first required field", () => {
    expect(parseSlashCommand("")).toEqual({ ok: false, reason: "missing field: command" });
  });

  it.each([
    ["a lone %", "%"],
    ["% with one hex digit", "%4"],
    ["% with non-hex", "%zz"],
    ["% at the end of a value", "farragut%"],
  ])("rejects malformed percent encoding: %s", (_, text) => {
    const raw = body().replace("text=farragut", `text=${text}`);
    expect(parseSlashCommand(raw)).toEqual({ ok: false, reason: "malformed form body" });
  });

  it.each([
    ["a stray continuation byte", "%80"],
    ["a truncated two-byte sequence", "%C3"],
    ["an overlong encoding", "%C0%AF"],
    ["an encoded surrogate", "%ED%A0%80"],
    ["a byte that never appears in UTF-8", "%FF"],
  ])("rejects invalid UTF-8: %s", (_, text) => {
    const raw = body().replace("text=farragut", `text=${text}`);
    expect(parseSlashCommand(raw)).toEqual({ ok: false, reason: "malformed form body" });
  });

  it("rejects malformed encoding in a key too", () => {
    expect(parseSlashCommand(body() + "&%zz=1")).toEqual({ ok: false, reason: "malformed form body" });
  });

  describe("text", () => {
    it("is trimmed", () => {
      expect(textOf("   farragut  ")).toBe("farragut");
    });

    it("has control characters (C0, DEL, C1) replaced by spaces", () => {
      expect(textOf("farra\u0000gut")).toBe("farra gut");
      expect(textOf("farragut,\tfranklin\r\nmetro")).toBe("farragut, franklin  metro");
      expect(textOf("a\u001bb\u007fc\u0085d\u009fe")).toBe("a b c d e");
      expect(textOf("\u0000\u0007farragut\u001f")).toBe("farragut");
    });

    it("is capped at 500 characters", () => {
      const text = textOf("x".repeat(2000));
      expect(MAX_COMMAND_TEXT_CHARS).toBe(500);
      expect(text).toBe("x".repeat(500));
    });

    it("never cuts an emoji in half when capping", () => {
      const text = textOf("🌮".repeat(600));
      expect(Array.from(text)).toHaveLength(500);
      expect(text).toBe("🌮".repeat(500));
    });

    it("keeps emoji and right-to-left text as typed", () => {
      expect(textOf("🌮 tacos 🚚")).toBe("🌮 tacos 🚚");
      expect(textOf("שוק הכרמל")).toBe("שוק הכרמל");
      expect(textOf("سوق \u202eabc")).toBe("سوق \u202eabc");
      expect(textOf("café ‘farragut’")).toBe("café ‘farragut’");
    });
  });
});

describe("parseSlashCommand: Slack's escaping", () => {
  it("gives back the text as the user typed it", () => {
    const body = new URLSearchParams({
      command: "/foodtrucks",
      text: "farragut &amp; franklin &lt;3",
      response_url: "https://hooks.slack.com/c",
      user_id: "U",
      team_id: "T",
    }).toString();
    const result = parseSlashCommand(body);
    expect(result.ok && result.command.text).toBe("farragut & franklin <3");
  });
});

describe("parseSlashCommandPayload (Socket Mode)", () => {
  it("reads the same fields from JSON as from the form, to the same command", () => {
    expect(parseSlashCommandPayload({ ...FIELDS, text: "  farragut &amp; franklin " })).toEqual(
      parseSlashCommand(body({ text: "  farragut &amp; franklin " })),
    );
  });

  it("applies the form's checks", () => {
    expect(parseSlashCommandPayload({ ...FIELDS, user_id: undefined })).toEqual({
      ok: false,
      reason: "missing field: user_id",
    });
    expect(parseSlashCommandPayload({ ...FIELDS, team_id: 42 })).toEqual({
      ok: false,
      reason: "missing field: team_id",
    });
    expect(parseSlashCommandPayload({ ...FIELDS, response_url: "file:///etc/passwd" })).toEqual({
      ok: false,
      reason: "invalid field: response_url",
    });
    expect(parseSlashCommandPayload({ ...FIELDS, text: "x".repeat(2000) })).toMatchObject({
      ok: true,
      command: { text: "x".repeat(MAX_COMMAND_TEXT_CHARS) },
    });
  });

  it.each([null, "text", 42, [FIELDS]])("refuses a payload that is not an object: %j", (payload) => {
    expect(parseSlashCommandPayload(payload)).toEqual({ ok: false, reason: "payload is not an object" });
  });
});
