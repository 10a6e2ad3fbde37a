// The runtime contract: every runtime in RUNTIMES gets the same Slack requests and must give the
// same answers — the acknowledgement, the final answer on the response_url, and the HTTP edges
// (health, unknown paths, wrong methods, bad signatures) the app core answers once for all.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startSlackCatcher, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { commandBody, commandFields, signedHeaders } from "../helpers/slackRequest.js";
import { RUNTIMES, type RunningRuntime, type SlackHttpRequest } from "./runtimes.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");

describe.each(RUNTIMES)("the runtime contract: $name", (runtimeUnderTest) => {
  let tracker: LoopbackServer;
  let slack: LoopbackServer;
  let runtime: RunningRuntime;
  let commands = 0;

  beforeAll(async () => {
    [tracker, slack] = await Promise.all([startTrackerServer(fixture), startSlackCatcher()]);
    runtime = await runtimeUnderTest.start({
      TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    });
  }, 30_000);
  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([tracker?.close(), slack?.close()]);
  });

  /** A slash command as Slack sends it, answered on its own response_url. */
  const command = (text: string) => {
    const responseUrl = `${slack.url}/commands/T0TEST/${++commands}/s3cr3t`;
    const body = commandBody(text, responseUrl);
    const signed: SlackHttpRequest = { method: "POST", path: "/slack/commands", headers: signedHeaders(body), body };
    return { responseUrl, ack: runtime.command(commandFields(text, responseUrl), signed) };
  };

  it("answers help at once, and hands nothing off", async () => {
    const { ack, responseUrl } = command("help");
    const answer = await ack;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).text).toMatch(/\/foodtrucks/);
    expect(slack.requests.filter((request) => slack.url + request.url === responseUrl)).toHaveLength(0);
  });

  it("says it is looking, then posts the place's trucks to the response_url, once", async () => {
    const { ack, responseUrl } = command("farragut");
    const answer = await ack;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).text).toBe("Looking up food trucks at farragut…");
    const posted = () => slack.requests.filter((request) => slack.url + request.url === responseUrl);
    await eventually(() => posted().length > 0, "the answer on the response_url", 15_000);
    expect(posted()[0]!.body).toContain("District Taco");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posted()).toHaveLength(1);
  });

  it("answers health, unknown paths and wrong methods the same way", async () => {
    const get = (path: string) => runtime.http({ method: "GET", path, headers: {}, body: "" });
    expect(await get("/healthz")).toEqual({ status: 200, body: "ok" });
    if (!runtime.slackOverHttp) return;
    expect((await get("/nowhere")).status).toBe(404);
    expect((await get("/slack/commands")).status).toBe(405);
  });

  it("serves the privacy page, and the install page only where installs are set up", async () => {
    if (!runtime.slackOverHttp) return;
    const get = (path: string) => runtime.http({ method: "GET", path, headers: {}, body: "" });
    const privacy = await get("/privacy");
    expect(privacy.status).toBe(200);
    expect(privacy.body).toContain("<h1>Privacy</h1>");
    // No SLACK_CLIENT_ID here: one workspace, no "Add to Slack".
    expect((await get("/slack/install")).status).toBe(404);
    expect((await get("/slack/oauth_redirect")).status).toBe(404);
  });

  it("refuses a request that is not Slack's", async () => {
    if (!runtime.slackOverHttp) return; // the socket itself is the gate
    const body = commandBody("farragut", `${slack.url}/commands/forged`);
    const forged = await runtime.http({
      method: "POST",
      path: "/slack/commands",
      headers: signedHeaders(body, { secret: "not-the-signing-secret" }),
      body,
    });
    expect(forged.status).toBe(401);
  });
});
