// The runtime contract: every runtime in RUNTIMES gets the same Slack requests and must give the
// same answers — the acknowledgement, the final answer on the response_url, and the HTTP edges
// (health, unknown paths, wrong methods, bad signatures) the app core answers once for all.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startSlackCatcher, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { commandBody, commandFields, signatureFor, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";
import { RUNTIMES, type RunningRuntime, type SlackHttpRequest } from "./runtimes.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");

describe.each(RUNTIMES)("the runtime contract: $name", (runtimeUnderTest) => {
  let tracker: LoopbackServer;
  let slack: LoopbackServer;
  let slackApi: SlackWebApiStub;
  let dataDir: string;
  let runtime: RunningRuntime;
  let commands = 0;

  beforeAll(async () => {
    [tracker, slack, slackApi] = await Promise.all([
      startTrackerServer(fixture),
      startSlackCatcher(),
      startSlackWebApiStub(),
    ]);
    dataDir = mkdtempSync(join(tmpdir(), "slacktrux-contract-"));
    runtime = await runtimeUnderTest.start({
      TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      // With a bot token and a store, the Home and the modals are on.
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      SLACKTRUX_DATA_DIR: dataDir,
      TICK_EVERY_MINUTE: "off",
    });
  }, 30_000);
  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([tracker?.close(), slack?.close(), slackApi?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** An interaction's payload as Slack sends it over HTTP: a signed form with a `payload` field. */
  const interaction = (payload: Record<string, unknown>) => {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const signed: SlackHttpRequest = {
      method: "POST",
      path: "/slack/interactions",
      headers: signedHeaders(body),
      body,
    };
    return runtime.interaction(payload, signed);
  };

  /** An Events API body as Slack sends it over HTTP: signed JSON. */
  const event = (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signatureFor(TEST_SECRET, timestamp, body),
    };
    return runtime.event(payload, { method: "POST", path: "/slack/events", headers, body });
  };
  const who = { user: { id: "U0ASKER", team_id: "T0TEST" }, team: { id: "T0TEST" } };

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

  it("answers Slack's URL check, and publishes the Home after acking app_home_opened", async () => {
    if (runtime.slackOverHttp) {
      const check = await event({ type: "url_verification", challenge: "c-contract", token: "x" });
      expect(check).toEqual({ status: 200, body: '{"challenge":"c-contract"}' });
    }
    if (!runtime.servesHome) return; // no store: no Home to publish
    const opened = await event({
      type: "event_callback",
      team_id: "T0TEST",
      event_id: `EvContract${Date.now()}`,
      event: { type: "app_home_opened", user: "U0ASKER", channel: "D0HOME", tab: "home" },
    });
    expect(opened.status).toBe(200);
    await eventually(() => slackApi.calls("views.publish").length > 0, "views.publish", 15_000);
    expect(slackApi.calls("views.publish")[0]!.user_id).toBe("U0ASKER");
  });

  it("loads a modal's place options (block_suggestion) and refuses a submission naming an unknown place", async () => {
    if (!runtime.servesHome) return;
    const options = await interaction({
      type: "block_suggestion",
      ...who,
      action_id: "places",
      block_id: "daily_places",
      value: "farr",
      view: { id: "VMODAL", type: "modal", callback_id: "daily_post" },
    });
    expect(options.status).toBe(200);
    expect(
      (JSON.parse(options.body) as { options: { value: string }[] }).options.map((option) => option.value),
    ).toContain("DC - Farragut Square");
    const refused = await interaction({
      type: "view_submission",
      ...who,
      view: {
        id: "VMODAL",
        type: "modal",
        callback_id: "daily_post",
        state: {
          values: {
            daily_channel: { channel: { type: "conversations_select", selected_conversation: "C0TEST" } },
            daily_time: { time: { type: "timepicker", selected_time: "11:30" } },
            daily_days: { days: { type: "checkboxes", selected_options: [{ value: "mon" }] } },
            daily_places: { places: { type: "multi_external_select", selected_options: [{ value: "DC - Nowhere" }] } },
          },
        },
      },
    });
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toMatchObject({
      response_action: "errors",
      errors: { daily_places: expect.any(String) },
    });
  });
});
