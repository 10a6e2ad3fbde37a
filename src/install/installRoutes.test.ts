// The install routes through their public functions, with a loopback Slack (authorize page and
// oauth.v2.access) and installations in workerd's D1: the page's link and cookie, a finished
// install, and every bad callback refused before Slack is asked.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  startSlackOAuthStub,
  type SlackOAuthStub,
} from "../../test/helpers/slackOAuthStub.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import type { InstallSettings } from "../config/installConfig.js";
import { createSqlInstallationStore } from "../installations/sqlInstallationStore.js";
import { createLogger } from "../observe/log.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import type { InboundRequest, OutboundResponse } from "../web/exchange.js";
import {
  BOT_SCOPES,
  handleInstallPage,
  handleOAuthRedirect,
  handlePrivacyPage,
  type InstallDeps,
} from "./installRoutes.js";
import { newState, STATE_LIFETIME_SECONDS } from "./oauthState.js";

let mf: Miniflare;
let db: SqlDatabase;
let slack: SlackOAuthStub;

beforeAll(async () => {
  const started = await startD1();
  mf = started.mf;
  db = started.db;
  slack = await startSlackOAuthStub();
}, 30_000);
afterAll(async () => {
  await slack?.close();
  await mf?.dispose();
});

const get = (url: string, cookie?: string): InboundRequest => {
  const parsed = new URL(url, "https://trucks.example.com");
  return {
    method: "GET",
    path: parsed.pathname,
    query: parsed.search.slice(1),
    headers: cookie ? { cookie } : {},
    rawBody: Buffer.alloc(0),
  };
};

function setUp(publicUrl = "https://trucks.example.com") {
  const lines: string[] = [];
  const settings: InstallSettings = {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    publicUrl,
    apiUrl: slack.apiUrl,
  };
  const deps: InstallDeps = {
    settings,
    installations: createSqlInstallationStore(db),
    claims: createMemoryClaimStore(),
    log: createLogger((line) => lines.push(line)),
  };
  return { deps, lines };
}

/** What a browser does: the install page, Slack's Allow (our stand-in's), then the callback with its cookie. */
async function install(deps: InstallDeps) {
  const page = await handleInstallPage(get("/slack/install"), deps);
  const cookie = page.cookies![0]!.split(";")[0]!;
  const authorize = new URL(/href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(page.body)![1]!.replace(/&amp;/g, "&"));
  const allowed = await fetch(authorize);
  const back = /id="allow" href="([^"]+)"/.exec(await allowed.text())![1]!.replace(/&amp;/g, "&");
  return { page, cookie, authorize, callback: new URL(back) };
}

const callback = (url: URL, cookie: string | undefined, deps: InstallDeps): Promise<OutboundResponse> =>
  handleOAuthRedirect(get(url.pathname + url.search, cookie), deps);

describe("GET /slack/install", () => {
  it("links to Slack's authorize page with our client id, scopes, redirect URL and a state, set in a cookie too", async () => {
    const { deps } = setUp();
    const { page, authorize } = await install(deps);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(authorize.origin + authorize.pathname).toBe(`${slack.url}/oauth/v2/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(authorize.searchParams.get("scope")).toBe(BOT_SCOPES.join(","));
    expect(authorize.searchParams.get("redirect_uri")).toBe("https://trucks.example.com/slack/oauth_redirect");
    const state = authorize.searchParams.get("state")!;
    expect(page.cookies?.[0]).toBe(
      `slacktrux_oauth_state=${state}; Path=/slack/oauth_redirect; Max-Age=${STATE_LIFETIME_SECONDS}; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(page.body).not.toContain(CLIENT_SECRET);
  });

  it("drops Secure on plain http at a loopback address only", async () => {
    const { deps } = setUp("http://127.0.0.1:3000");
    const page = await handleInstallPage(get("/slack/install"), deps);
    expect(page.cookies?.[0]).not.toContain("Secure");
    expect(page.body).toContain(encodeURIComponent("http://127.0.0.1:3000/slack/oauth_redirect"));
  });

  it("scopes the cookie to the callback under a public URL with a path", async () => {
    const { deps } = setUp("https://example.com/trux");
    const page = await handleInstallPage(get("/slack/install"), deps);
    expect(page.cookies?.[0]).toContain("; Path=/trux/slack/oauth_redirect;");
  });

  it("answers GET and HEAD only", async () => {
    const { deps } = setUp();
    expect((await handleInstallPage({ ...get("/slack/install"), method: "POST" }, deps)).status).toBe(405);
    expect(handlePrivacyPage({ ...get("/privacy"), method: "DELETE" }).status).toBe(405);
    expect(handlePrivacyPage(get("/privacy")).status).toBe(200);
  });
});

describe("GET /slack/oauth_redirect", () => {
  it("exchanges the code, saves the installation and shows how to open the app", async () => {
    const { deps, lines } = setUp();
    slack.nextWorkspace = { teamId: "T0042", teamName: "Acme <Trucks>" };
    const { cookie, callback: back } = await install(deps);
    const done = await callback(back, cookie, deps);
    expect(done.status).toBe(200);
    expect(done.body).toContain('href="slack://app?team=T0042&amp;id=A0APP"');
    expect(done.body).toContain(`href="${slack.url}/app_redirect?app=A0APP&amp;team=T0042"`);
    expect(done.body).toContain("Acme &lt;Trucks&gt;");
    expect(done.cookies?.[0]).toContain("Max-Age=0");
    expect(await deps.installations.find("team:T0042")).toMatchObject({
      teamId: "T0042",
      botUserId: "U0BOT",
      installedBy: "U0INSTALLER",
      scopes: "commands,chat:write,chat:write.public",
      botToken: expect.stringMatching(/^xoxb-stub-T0042-/),
    });
    expect(lines.join("\n")).toContain('"msg":"installed"');
    for (const secret of [...slack.secretsIssued(), CLIENT_SECRET, back.searchParams.get("code")!]) {
      expect(lines.join("\n")).not.toContain(secret);
      expect(done.body).not.toContain(secret);
    }
  });

  it("keeps an org-wide install under its enterprise", async () => {
    const { deps } = setUp();
    slack.nextWorkspace = { teamId: "unused", teamName: "Big Org", enterpriseId: "E0099" };
    const { cookie, callback: back } = await install(deps);
    expect((await callback(back, cookie, deps)).status).toBe(200);
    expect(await deps.installations.find("enterprise:E0099")).toMatchObject({
      isEnterpriseInstall: true,
      teamId: undefined,
    });
  });

  it("refuses a missing, forged, expired, other browser's or replayed state without asking Slack", async () => {
    const { deps, lines } = setUp();
    slack.nextWorkspace = { teamId: "T0050", teamName: "Fifty" };
    const { cookie, callback: back } = await install(deps);
    const state = back.searchParams.get("state")!;
    const withState = (value: string | undefined) => {
      const url = new URL(back);
      if (value === undefined) url.searchParams.delete("state");
      else url.searchParams.set("state", value);
      return url;
    };
    const forged = `${state.slice(0, -2)}${state.endsWith("AA") ? "BB" : "AA"}`;
    const expired = newState(CLIENT_SECRET, Date.now() - (STATE_LIFETIME_SECONDS + 1) * 1000);
    const before = slack.codeExchanges();
    const refused = [
      [await callback(withState(undefined), cookie, deps), 400, "does not finish an install"],
      [await callback(withState(forged), `slacktrux_oauth_state=${forged}`, deps), 403, "not valid"],
      [await callback(withState(newState("another secret", Date.now())), cookie, deps), 403, "not valid"],
      [await callback(withState(expired), `slacktrux_oauth_state=${expired}`, deps), 400, "expired"],
      [await callback(back, undefined, deps), 403, "browser that started it"],
      [await callback(back, "slacktrux_oauth_state=someone-elses", deps), 403, "browser that started it"],
    ] as const;
    for (const [response, status, words] of refused) {
      expect(response.status).toBe(status);
      expect(response.body).toContain(words);
      expect(response.body).toContain('href="/slack/install"');
    }
    expect(slack.codeExchanges()).toBe(before);

    expect((await callback(back, cookie, deps)).status).toBe(200);
    const replayed = await callback(back, cookie, deps);
    expect(replayed.status).toBe(409);
    expect(replayed.body).toContain("already used");
    expect(slack.codeExchanges()).toBe(before + 1);
    expect(lines.filter((line) => line.includes('"install refused"'))).toHaveLength(refused.length + 1);
  });

  it("answers a cancelled install with a friendly page, and Slack's refusal with a 400", async () => {
    const { deps } = setUp();
    const cancelled = await callback(
      new URL("https://x/slack/oauth_redirect?error=access_denied&state=s"),
      undefined,
      deps,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toContain("slacktrux was not installed");
    const { cookie, callback: back } = await install(deps);
    back.searchParams.set("code", "code-never-issued");
    const refused = await callback(back, cookie, deps);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Slack did not accept this install");
  });
});
