// Issue 16's "done when", on a laptop: `slacktrux serve` (dist/cli.mjs, a child process) with
// SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACKTRUX_PUBLIC_URL set, and a loopback Slack (its
// authorize page, oauth.v2.access and chat.postMessage). A headless browser installs two
// workspaces through "Add to Slack"; each sets up a daily post by a signed command; two
// `slacktrux tick --at …` processes at once post each with its own workspace's token, the one
// about to expire refreshed exactly once. Bad states are refused before Slack is asked, and no
// secret reaches any process's output.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { slacktrux, type CliResult } from "../helpers/cli.js";
import { eventually, startSlackCatcher, type LoopbackServer } from "../helpers/loopbackServer.js";
import { CLIENT_ID, CLIENT_SECRET, startSlackOAuthStub, type SlackOAuthStub } from "../helpers/slackOAuthStub.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startServe, type ServeProcess } from "../helpers/serveProcess.js";

const fixturePath = new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url).pathname;

let dataDir: string;
let env: Record<string, string>;
let slack: SlackOAuthStub;
let responses: LoopbackServer;
let serve: ServeProcess;
let appUrl: string;
let browser: Browser;
const ticks: CliResult[] = [];

/** A port free now: SLACKTRUX_PUBLIC_URL must name it before the server starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "slacktrux-install-"));
  slack = await startSlackOAuthStub();
  responses = await startSlackCatcher();
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  env = {
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACKTRUX_PUBLIC_URL: appUrl,
    SLACK_API_URL: slack.apiUrl,
    SLACKTRUX_DATA_DIR: dataDir,
    TRACKER_URL: fixturePath,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    PORT: String(port),
    // `tick --at` plays the clock here.
    TICK_EVERY_MINUTE: "off",
  };
  serve = startServe(env);
  await serve.waitForStderr(/listening on http:\/\/[\d.]+:\d+/);
  expect(serve.stderr()).toContain(`Add to Slack: ${appUrl}/slack/install`);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await slack?.close();
  await responses?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** In a fresh browser (its own cookies): the install page, "Add to Slack", Slack's Allow, and back. */
async function installWithBrowser(teamId: string, teamName: string, expiresIn?: number): Promise<string> {
  slack.nextWorkspace = { teamId, teamName, ...(expiresIn === undefined ? {} : { expiresIn }) };
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${appUrl}/slack/install`);
    await page.getByRole("link", { name: "Add to Slack" }).click();
    await page.locator("#allow").click();
    await page.waitForURL(/\/slack\/oauth_redirect/);
    return (await page.locator("h1").textContent()) ?? "";
  } finally {
    await context.close();
  }
}

let commands = 0;
/** A signed `/foodtrucks <text>` from `teamId`'s channel; phase 2's answer from its response_url. */
async function command(text: string, teamId: string, channelId: string) {
  const responsePath = `/commands/${++commands}`;
  const body = commandBody(text, `${responses.url}${responsePath}`, { team_id: teamId, channel_id: channelId });
  const ack = await fetch(`${appUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
  expect(ack.status).toBe(200);
  await eventually(() => responses.requests.some((r) => r.url === responsePath), `the answer to "${text}"`);
  return JSON.parse(responses.requests.find((r) => r.url === responsePath)!.body) as { text: string };
}

describe("Add to Slack, end to end on one machine", () => {
  it("serves the install page at / and /slack/install (HEAD without a body) and the privacy page", async () => {
    for (const path of ["/", "/slack/install", "/privacy"]) {
      const page = await fetch(`${appUrl}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain("<h1>");
    }
    const head = await fetch(`${appUrl}/slack/install`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("set-cookie")).toContain("slacktrux_oauth_state=");
    expect(await head.text()).toBe("");
    expect((await fetch(`${appUrl}/slack/install`, { method: "POST" })).status).toBe(405);
  });

  it("a browser installs two workspaces, each landing on the success page", async () => {
    expect(await installWithBrowser("T0ACME", "Acme")).toBe("slacktrux is installed");
    // Token rotation on, and the token already within the hour of its expiry.
    expect(await installWithBrowser("T0BETA", "Beta", 30 * 60)).toBe("slacktrux is installed");
    expect(slack.codeExchanges()).toBe(2);
    // The installations (tokens) are in the data folder's database, for slacktrux's user alone.
    expect(statSync(join(dataDir, "slacktrux.db")).mode & 0o777).toBe(0o600);
  }, 30_000);

  it("refuses a missing, forged or replayed state without calling oauth.v2.access", async () => {
    const page = await fetch(`${appUrl}/slack/install`);
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const state = /state=([^&"]+)/.exec(await page.text())![1]!;
    slack.nextWorkspace = { teamId: "T0GAMMA", teamName: "Gamma" };
    const authorize = await fetch(
      `${slack.apiUrl}../oauth/v2/authorize?state=${state}&redirect_uri=${appUrl}/slack/oauth_redirect`,
    );
    const allow = /id="allow" href="([^"]+)"/.exec(await authorize.text())![1]!.replace(/&amp;/g, "&");
    const code = new URL(allow).searchParams.get("code")!;
    const before = slack.codeExchanges();

    const callback = (query: string, withCookie = cookie) =>
      fetch(`${appUrl}/slack/oauth_redirect?${query}`, { headers: { cookie: withCookie } });
    const missing = await callback(`code=${code}`);
    const forged = await callback(`code=${code}&state=${state.slice(0, -4)}AAAA`);
    const otherBrowser = await callback(`code=${code}&state=${state}`, "slacktrux_oauth_state=someone-else");
    for (const refused of [missing, forged, otherBrowser]) {
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
    }
    expect(slack.codeExchanges()).toBe(before);

    expect((await callback(`code=${code}&state=${state}`)).status).toBe(200);
    expect(slack.codeExchanges()).toBe(before + 1);
    const replayed = await callback(`code=${code}&state=${state}`);
    expect(replayed.status).toBeGreaterThanOrEqual(400);
    expect(replayed.status).toBeLessThan(500);
    expect(slack.codeExchanges()).toBe(before + 1);
  });

  it("each workspace's daily post goes out with its own token; two ticks at once refresh the expiring one once", async () => {
    expect((await command("daily 11:30 farragut", "T0ACME", "C0ACME")).text).toContain("set up a daily post");
    expect((await command("daily 11:30 farragut", "T0BETA", "C0BETA")).text).toContain("set up a daily post");
    // Slow enough that the two ticks' refreshes would overlap, were there two.
    slack.refreshDelayMs = 500;
    const issuedBefore = slack.secretsIssued();
    ticks.push(
      ...(await Promise.all([
        slacktrux(["tick", "--at", "2026-12-02T16:30:00Z"], env),
        slacktrux(["tick", "--at", "2026-12-02T16:30:00Z"], env),
      ])),
    );
    for (const tick of ticks) expect(tick.code, tick.stderr).toBe(0);

    expect(slack.refreshes()).toBe(1);
    const newTokens = slack.secretsIssued().filter((token) => !issuedBefore.includes(token));
    const betaToken = newTokens.find((token) => token.startsWith("xoxb-stub-T0BETA-"));
    expect(betaToken).toBeDefined();
    const acmeToken = issuedBefore.find((token) => token.startsWith("xoxb-stub-T0ACME-"));
    const posts = slack.posts();
    expect(posts).toEqual(
      expect.arrayContaining([
        { channel: "C0ACME", token: acmeToken },
        { channel: "C0BETA", token: betaToken },
      ]),
    );
    // One post each, whichever tick made it.
    expect(posts.map((post) => post.channel).sort()).toEqual(["C0ACME", "C0BETA"]);
  }, 60_000);

  it("no client secret, token or refresh token appears in the server's or the ticks' output", async () => {
    await serve.stop();
    const outputs = [serve.stdout(), serve.stderr(), ...ticks.flatMap((tick) => [tick.stdout, tick.stderr])];
    const secrets = [CLIENT_SECRET, ...slack.secretsIssued()];
    expect(secrets.length).toBeGreaterThan(4);
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
    // The logs are there to be searched: the installs and the refresh are in them.
    expect(serve.logs().filter((line) => line.msg === "installed")).toHaveLength(3);
    expect(ticks.map((tick) => tick.stdout + tick.stderr).join("")).toContain("bot token refreshed");
  });
});
