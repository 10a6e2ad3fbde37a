import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_PATH, INTERACTIONS_PATH } from "../../infra/slacktruxStack.js";
import { COMMANDS_PATH as COMMANDS_ROUTE, INTERACTIONS_PATH as INTERACTIONS_ROUTE } from "../../src/app/routes.js";
import { parse, parseDocument } from "yaml";
import { EVENTS_PATH } from "../../src/events/eventsRoute.js";
import { FOOD_TRUCKS_SHORTCUT } from "../../src/home/handleShortcut.js";

const manifestText = readFileSync(new URL("../../slack/manifest.yaml", import.meta.url), "utf8");
const socketManifestText = readFileSync(new URL("../../slack/manifest.socket-mode.yaml", import.meta.url), "utf8");

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    socket_mode_enabled: boolean;
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url?: string };
    event_subscriptions: { request_url?: string; bot_events: string[] };
  };
}

/** The Home tab, the shortcut and the events, as every manifest declares them. */
function expectHomeAndShortcut(manifest: unknown): void {
  expect(manifest).toMatchObject({
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      shortcuts: [{ name: "Food trucks", type: "global", callback_id: FOOD_TRUCKS_SHORTCUT }],
    },
    settings: { event_subscriptions: { bot_events: ["app_home_opened"] } },
  });
}

describe("slack/manifest.yaml", () => {
  const manifest = parse(manifestText) as Manifest;

  it("declares /foodtrucks, posting to the path the stack outputs", () => {
    expect(manifest.features.slash_commands).toEqual([
      {
        command: "/foodtrucks",
        url: `https://YOUR-FUNCTION-URL/${COMMAND_PATH}`,
        description: "Today's food trucks at a place",
        usage_hint: "[place, place… | list | daily 11:30 place | follow truck | settings | help]",
        should_escape: false,
      },
    ]);
  });

  it("sends clicks (place menu, Share, Refresh) and the modals' options to the interactions path the stack outputs", () => {
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `https://YOUR-FUNCTION-URL/${INTERACTIONS_PATH}`,
      message_menu_options_url: `https://YOUR-FUNCTION-URL/${INTERACTIONS_PATH}`,
    });
  });

  it("turns the Home tab on, declares the Food trucks shortcut, and sends app_home_opened to the events route", () => {
    expectHomeAndShortcut(manifest);
    expect(manifest.settings.event_subscriptions.request_url).toBe(`https://YOUR-FUNCTION-URL${EVENTS_PATH}`);
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

describe("slack/manifest.yaml as YAML", () => {
  it("parses cleanly: no errors, no warnings, no duplicate keys", () => {
    const document = parseDocument(manifestText, { uniqueKeys: true });
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
  });

  it("has no value that YAML 1.1 readers would take for a boolean (yes/no/on/off)", () => {
    // Slack's manifest reader is not ours: keep plain scalars unambiguous across YAML versions.
    expect(manifestText).not.toMatch(/:\s+(yes|no|on|off|y|n)\s*(#.*)?$/im);
  });
});

describe("slack/manifest.socket-mode.yaml", () => {
  const socketManifest = parse(socketManifestText) as unknown;
  const httpManifest = parse(manifestText) as Manifest;

  /** Every key anywhere in the manifest, as a dotted path. */
  const keyPaths = (value: unknown, prefix = ""): string[] =>
    value !== null && typeof value === "object"
      ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keyPaths(inner, `${prefix}${key}.`)])
      : [];

  it("turns the Home tab on and declares the shortcut and app_home_opened, as over HTTP", () => {
    expectHomeAndShortcut(socketManifest);
  });

  it("turns Socket Mode on and gives Slack no request URL", () => {
    expect(socketManifest).toMatchObject({
      settings: { socket_mode_enabled: true, interactivity: { is_enabled: true } },
    });
    expect(keyPaths(socketManifest).filter((path) => /(^|\.)(url|request_url)$/.test(path))).toEqual([]);
    expect(socketManifestText).not.toContain("YOUR-FUNCTION-URL");
  });

  it("is the HTTP manifest's app otherwise: the same command, scopes and names", () => {
    const expected = structuredClone(httpManifest);
    for (const command of expected.features.slash_commands) delete (command as { url?: string }).url;
    delete (expected.settings.interactivity as { request_url?: string }).request_url;
    delete expected.settings.interactivity.message_menu_options_url;
    delete expected.settings.event_subscriptions.request_url;
    expected.settings.socket_mode_enabled = true;
    expect(socketManifest).toEqual(expected);
  });
});
