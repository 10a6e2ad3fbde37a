// slack/manifest.distributed.yaml: the HTTP manifest's app, plus what installs from other
// workspaces need, with paths and scopes taken from the code that serves them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { EVENT_HANDLERS } from "../../src/events/eventHandlers.js";
import { EVENTS_PATH } from "../../src/events/eventsRoute.js";
import { BOT_SCOPES, OAUTH_REDIRECT_PATH } from "../../src/install/installRoutes.js";

const text = readFileSync(new URL("../../slack/manifest.distributed.yaml", import.meta.url), "utf8");
const httpText = readFileSync(new URL("../../slack/manifest.yaml", import.meta.url), "utf8");

interface Manifest {
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url: string; bot_events: string[] };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

describe("slack/manifest.distributed.yaml", () => {
  const manifest = parse(text) as Manifest;

  it("parses cleanly, with no value YAML 1.1 would read as a boolean", () => {
    const document = parseDocument(text, { uniqueKeys: true });
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
    expect(text).not.toMatch(/:\s+(yes|no|on|off|y|n)\s*(#.*)?$/im);
  });

  it("sends the browser back to the callback slacktrux serves, and asks for the scopes the install link asks for", () => {
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-PUBLIC-URL${OAUTH_REDIRECT_PATH}`]);
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  });

  it("subscribes to exactly the events slacktrux handles, at the path it serves them", () => {
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: `https://YOUR-PUBLIC-URL${EVENTS_PATH}`,
      bot_events: Object.keys(EVENT_HANDLERS).sort(),
    });
  });

  it("is over HTTPS, never Socket Mode, and says how token rotation goes", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
    expect(text).toMatch(/renews each[\s\S]*token_rotation_enabled: false/);
    expect(text).toContain("Socket Mode stays single-workspace");
  });

  it("is the HTTP manifest's app otherwise: the same command, names, scopes and interactivity", () => {
    const expected = parse(httpText.replaceAll("YOUR-FUNCTION-URL", "YOUR-PUBLIC-URL")) as Manifest;
    const actual = structuredClone(manifest);
    delete actual.oauth_config.redirect_urls;
    // Its events are the HTTP manifest's (the Home) and the uninstall ones: checked above.
    delete actual.settings.event_subscriptions;
    delete expected.settings.event_subscriptions;
    actual.settings.org_deploy_enabled = expected.settings.org_deploy_enabled;
    expect(actual).toEqual(expected);
  });
});
