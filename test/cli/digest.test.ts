// `slacktrux digest` as cron would run it: the built bundle in a child process, posting to a
// loopback webhook catcher. Exit 0 posted, 1 tracker or delivery trouble, 2 bad usage.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { startLoopbackServer, startSlackCatcher, type LoopbackServer } from "../helpers/loopbackServer.js";
import { slacktrux } from "../helpers/cli.js";

const fixturePath = fileURLToPath(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url));

describe("slacktrux digest", () => {
  let webhook: LoopbackServer;
  let refusing: LoopbackServer;
  let webhookUrl: string;
  beforeAll(async () => {
    [webhook, refusing] = await Promise.all([
      startSlackCatcher(),
      startLoopbackServer((_req, res) => res.writeHead(404).end("no_service")),
    ]);
    webhookUrl = `${webhook.url}/services/T0/B0/secret-webhook-token`;
  });
  afterAll(() => Promise.all([webhook.close(), refusing.close()]));
  beforeEach(() => {
    webhook.requests.length = 0;
  });
  const posted = () => webhook.requests.map((request) => JSON.parse(request.body) as SlackMessage);
  const noSecret = (result: { stdout: string; stderr: string }) =>
    expect(result.stdout + result.stderr).not.toContain("secret-webhook-token");

  it("posts the places' trucks once and exits 0", async () => {
    const result = await slacktrux([
      "digest",
      "--place",
      "farragut",
      "--place",
      "franklin",
      "--webhook",
      webhookUrl,
      "--tracker",
      fixturePath,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      "Posted the food trucks at DC - Farragut Square, DC - Franklin Square to the webhook.\n",
    );
    expect(webhook.requests).toHaveLength(1);
    const blocks = JSON.stringify(posted()[0]!.blocks);
    expect(blocks).toContain("District Taco");
    expect(blocks).toContain("daily digest");
    noSecret(result);
  });

  it("posts to SLACK_WEBHOOK_URL when no --webhook is given, and reads the tracker from TRACKER_URL", async () => {
    const result = await slacktrux(["digest", "--place", "metro center"], {
      SLACK_WEBHOOK_URL: webhookUrl,
      TRACKER_URL: fixturePath,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Posted "no trucks yet today" for DC - Metro Center');
    expect(posted()[0]!.text).toContain("No trucks at DC - Metro Center yet today.");
  });

  it("runs a DIGESTS entry by name", async () => {
    const digests = JSON.stringify([{ name: "lunch", time: "11:30", places: ["franklin"], webhookUrl }]);
    const result = await slacktrux(["digest", "--name", "lunch", "--tracker", fixturePath], { DIGESTS: digests });
    expect(result.code).toBe(0);
    expect(JSON.stringify(posted()[0]!.blocks)).toContain("DC - Franklin Square");
    noSecret(result);
  });

  it("posts the tracker's problem and exits 1 when the tracker cannot be read", async () => {
    const result = await slacktrux([
      "digest",
      "--place",
      "farragut",
      "--webhook",
      webhookUrl,
      "--tracker",
      "/nonexistent/page.html",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Could not read the tracker \(.+\); posted the problem to the webhook\.\n$/);
    expect(posted()[0]!.text).toMatch(/couldn't reach the food-truck tracker \(a local file\)/);
  });

  it("exits 1 when the webhook refuses the post, naming the reason but not the URL", async () => {
    const result = await slacktrux([
      "digest",
      "--place",
      "farragut",
      "--webhook",
      `${refusing.url}/services/T0/B0/secret-webhook-token`,
      "--tracker",
      fixturePath,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Could not post to the webhook: Slack answered HTTP 404.\n");
    noSecret(result);
  });

  it.each([
    ["no place", ["--webhook", "https://hooks.slack.com/services/T0/B0/secret-webhook-token"], /--place farragut/],
    ["no webhook", ["--place", "farragut"], /--webhook URL \(or set SLACK_WEBHOOK_URL\)/],
    [
      "an http webhook off this machine",
      ["--place", "farragut", "--webhook", "http://hooks.slack.com/services/T0/B0/secret-webhook-token"],
      /must be an https URL/,
    ],
    ["an unknown option", ["--place", "farragut", "--channel", "#lunch"], /Unknown option '--channel'/],
    ["an unknown digest name", ["--name", "dinner"], /DIGESTS has no digest named "dinner"/],
  ])("exits 2 on bad usage: %s", async (_what, args, message) => {
    const result = await slacktrux(["digest", ...args, "--tracker", fixturePath]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    noSecret(result);
    expect(webhook.requests).toHaveLength(0);
  });

  it("exits 2 on a bad DIGESTS, and on a digest whose webhook secret is not set here", async () => {
    const bad = await slacktrux(["digest", "--name", "lunch"], { DIGESTS: '[{"name": "lunch", "time": "noon"}]' });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/DIGESTS\[0\]\.time must be/) });
    const inSsm = JSON.stringify([
      { name: "lunch", time: "11:30", places: ["farragut"], webhookParameter: "/slacktrux/digest-webhook" },
    ]);
    const parameter = await slacktrux(["digest", "--name", "lunch"], { DIGESTS: inSsm });
    expect(parameter).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/\/slacktrux\/digest-webhook is not set: set .* in slacktrux's environment/),
    });
  });
});
