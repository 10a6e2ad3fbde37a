import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_PATH, INTERACTIONS_PATH } from "../../infra/slacktruxStack.js";
import { COMMANDS_PATH as COMMANDS_ROUTE, INTERACTIONS_PATH as INTERACTIONS_ROUTE } from "../../src/phase1/routes.js";
import { readSimpleYaml } from "./simpleYaml.js";

const manifestText = readFileSync(new URL("../../slack/manifest.yaml", import.meta.url), "utf8");

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean; request_url: string } };
}

describe("slack/manifest.yaml", () => {
  const manifest = readSimpleYaml(manifestText) as Manifest;

  it("declares /foodtrucks, posting to the path the stack outputs", () => {
    expect(manifest.features.slash_commands).toEqual([
      {
        command: "/foodtrucks",
        url: `https://YOUR-FUNCTION-URL/${COMMAND_PATH}`,
        description: "Today's food trucks at a place",
        usage_hint: "[place, place… | list | daily 11:30 place | follow truck | help]",
        should_escape: false,
      },
    ]);
  });

  it("sends clicks (place menu, Share, Refresh) to the interactions path the stack outputs", () => {
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `https://YOUR-FUNCTION-URL/${INTERACTIONS_PATH}`,
    });
  });

  it("gives Slack the paths both runtimes route", () => {
    expect(`/${COMMAND_PATH}`).toBe(COMMANDS_ROUTE);
    expect(`/${INTERACTIONS_PATH}`).toBe(INTERACTIONS_ROUTE);
  });

  it("asks for the command and posting as the app (digests, follows' DMs), nothing more, over HTTPS rather than socket mode", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(["commands", "chat:write", "chat:write.public"]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.display_information.name).toBe("slacktrux");
    expect(manifest.features.bot_user.display_name).toBe("slacktrux");
  });
});

describe("readSimpleYaml", () => {
  it("reads maps, lists of scalars and of maps, quoted and plain scalars", () => {
    const text = "a:\n  b: 1\n  c: 'it''s'\n  d:\n    - x # note\n    - \"y: z\"\n  e:\n    - k: true\n      l: v\n";
    expect(readSimpleYaml(text)).toEqual({ a: { b: 1, c: "it's", d: ["x", "y: z"], e: [{ k: true, l: "v" }] } });
  });

  it("refuses what it does not understand instead of misreading it", () => {
    expect(() => readSimpleYaml("a: [1, 2]\n")).toThrow(/line 1: quote this value/);
    expect(() => readSimpleYaml("a: no\n")).toThrow(/quote this value/);
    expect(() => readSimpleYaml("a:\n  b: 1\n   c: 2\n")).toThrow(/line 3: unexpected indentation/);
    expect(() => readSimpleYaml("a: 1\na: 2\n")).toThrow(/duplicate key a/);
  });
});
