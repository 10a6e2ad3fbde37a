// "Add to Slack" on every HTTP runtime that keeps installations: with SLACK_CLIENT_ID set, the
// install page links to Slack's authorize page with our redirect_uri, and a callback carrying a
// forged state is refused with a 4xx page before oauth.v2.access is called.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, startSlackOAuthStub, type SlackOAuthStub } from "../helpers/slackOAuthStub.js";
import { RUNTIMES, type RunningRuntime } from "./runtimes.js";

const PUBLIC_URL = "https://trucks.example.com";

describe.each(RUNTIMES.filter((runtime) => runtime.installs))("Add to Slack on $name", (runtimeUnderTest) => {
  let slack: SlackOAuthStub;
  let dataDir: string;
  let runtime: RunningRuntime;

  beforeAll(async () => {
    slack = await startSlackOAuthStub();
    dataDir = mkdtempSync(join(tmpdir(), "slacktrux-install-contract-"));
    runtime = await runtimeUnderTest.start({
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACKTRUX_PUBLIC_URL: PUBLIC_URL,
      SLACK_API_URL: slack.apiUrl,
      SLACKTRUX_DATA_DIR: dataDir,
      TICK_EVERY_MINUTE: "off",
    });
  }, 30_000);
  afterAll(async () => {
    await runtime?.stop();
    await slack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (path: string) => runtime.http({ method: "GET", path, headers: {}, body: "" });

  it("serves the install page, its Add to Slack link naming our redirect_uri", async () => {
    const page = await get("/slack/install");
    expect(page.status).toBe(200);
    const link = new URL(/href="([^"]+)">Add to Slack/.exec(page.body)![1]!.replace(/&amp;/g, "&"));
    expect(link.href.startsWith(new URL("../oauth/v2/authorize", slack.apiUrl).href)).toBe(true);
    expect(link.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(link.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/slack/oauth_redirect`);
    expect(link.searchParams.get("state")).toBeTruthy();
  });

  it("refuses a callback with a forged state, without calling oauth.v2.access", async () => {
    const refused = await get("/slack/oauth_redirect?code=code-1&state=forged.state");
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body).toContain("Start again");
    expect(slack.codeExchanges()).toBe(0);
  });
});
