// Issue 17's "done when", through `slacktrux serve` (the built CLI, a child process) with a SQLite
// data folder and a loopback stand-in for Slack's Web API: a signed app_home_opened publishes the
// Home, its Unfollow button unfollows, its daily-post button opens the modal with the click's
// trigger_id, the modal's places load from block_suggestion, a bad submission gets errors and saves
// nothing, a good one is posted by `slacktrux tick`; a place chosen in the "my place" modal is shown
// until a signed app_uninstalled forgets it; and the same Home over Socket Mode.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELDS, MY_PLACE_MODAL } from "../../src/home/modals.js";
import { openSqliteDatabase } from "../../src/runtimes/local/sqliteDatabase.js";
import { slacktrux } from "../helpers/cli.js";
import { eventually, startSlackCatcher, type LoopbackServer } from "../helpers/loopbackServer.js";
import { startServe, type ServeProcess } from "../helpers/serveProcess.js";
import { commandBody, signatureFor, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";
import { SocketModeStandIn } from "../helpers/socketModeStandIn.js";

const fixturePath = new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url).pathname;
const TEAM = "T0TEST";
const USER = "U0ASKER";
const FARRAGUT = "DC - Farragut Square";

let dataDir: string;
let env: Record<string, string>;
let slackApi: SlackWebApiStub;
let responses: LoopbackServer;
let serve: ServeProcess;
let serverUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "slacktrux-home-"));
  slackApi = await startSlackWebApiStub();
  responses = await startSlackCatcher();
  env = {
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    SLACKTRUX_DATA_DIR: dataDir,
    TRACKER_URL: fixturePath,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    PORT: "0",
    // `slacktrux tick --at` plays the clock; the server's own tick would post on the real one.
    TICK_EVERY_MINUTE: "off",
  };
  serve = startServe(env);
  serverUrl = (await serve.waitForStderr(/listening on (http:\/\/[\d.]+:\d+)/))[1]!;
});

afterAll(async () => {
  await serve?.stop();
  await slackApi?.close();
  await responses?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function command(text: string): Promise<void> {
  const path = `/commands/${text.replace(/\W+/g, "-")}`;
  const body = commandBody(text, `${responses.url}${path}`);
  const ack = await fetch(`${serverUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
  expect(ack.status).toBe(200);
  await eventually(() => responses.requests.some((r) => r.url === path), `the answer to "${text}"`);
}

let events = 0;
function homeOpened(): Record<string, unknown> {
  return {
    token: "deprecated",
    team_id: TEAM,
    api_app_id: "A0TEST",
    type: "event_callback",
    event_id: `EvHome${++events}`,
    event_time: 1_700_000_000,
    event: { type: "app_home_opened", user: USER, channel: "D0HOME", tab: "home" },
  };
}

async function postEvent(event: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${serverUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signatureFor(TEST_SECRET, timestamp, body),
    },
    body,
  });
}

async function interact(payload: Record<string, unknown>): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(`${serverUrl}/slack/interactions`, { method: "POST", headers: signedHeaders(body), body });
}

const who = { user: { id: USER, team_id: TEAM }, team: { id: TEAM } };
const homeClick = (actionId: string, triggerId: string, value?: string) => ({
  type: "block_actions",
  ...who,
  trigger_id: triggerId,
  view: { id: "VHOME", type: "home", hash: "hash-shown" },
  actions: [{ action_id: actionId, block_id: "b", type: "button", ...(value ? { value } : {}) }],
});
const submission = (places: string[]) => ({
  type: "view_submission",
  ...who,
  trigger_id: "trig-submit",
  view: {
    id: "VMODAL",
    type: "modal",
    callback_id: "daily_post",
    private_metadata: "",
    state: {
      values: {
        [FIELDS.channel.block]: {
          [FIELDS.channel.action]: { type: "conversations_select", selected_conversation: "C0TEST" },
        },
        [FIELDS.time.block]: { [FIELDS.time.action]: { type: "timepicker", selected_time: "11:30" } },
        [FIELDS.days.block]: {
          [FIELDS.days.action]: {
            type: "checkboxes",
            selected_options: ["mon", "tue", "wed", "thu", "fri"].map((value) => ({ value })),
          },
        },
        [FIELDS.places.block]: {
          [FIELDS.places.action]: {
            type: "multi_external_select",
            selected_options: places.map((value) => ({ value })),
          },
        },
      },
    },
  },
});

const publishes = () => slackApi.calls("views.publish");
const subscriptionRows = () => {
  const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
  try {
    return (database.raw.prepare("SELECT COUNT(*) AS n FROM subscriptions").get() as { n: number }).n;
  } finally {
    database.close();
  }
};

/** The Unfollow button's value in a published Home, or undefined. */
function unfollowValue(view: unknown): string | undefined {
  if (view === null || typeof view !== "object") return undefined;
  const fields = view as Record<string, unknown>;
  if (fields.action_id === "home_unfollow") return fields.value as string;
  for (const child of Object.values(fields)) {
    const found = unfollowValue(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe("the App Home and the settings modals, on a laptop", () => {
  it("publishes the Home on a signed app_home_opened, listing a followed truck with Unfollow", async () => {
    await command("follow sol mexican");
    const started = Date.now();
    const ack = await postEvent(homeOpened());
    expect(ack.status).toBe(200);
    await eventually(() => publishes().length === 1, "views.publish");
    expect(Date.now() - started).toBeLessThan(3_000);
    const [call] = publishes();
    expect(call!.user_id).toBe(USER);
    expect(JSON.stringify(call!.view)).toContain("Sol Mexican Grill");
    expect(unfollowValue(call!.view)).toBeDefined();
    expect(slackApi.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
  });

  it("unfollows on the Home's Unfollow button and republishes the Home without it", async () => {
    const value = unfollowValue(publishes().at(-1)!.view)!;
    const ack = await interact(homeClick("home_unfollow", "trig-unfollow", value));
    expect(ack.status).toBe(200);
    await eventually(() => publishes().length === 2, "the Home republished");
    expect(unfollowValue(publishes().at(-1)!.view)).toBeUndefined();
    expect(subscriptionRows()).toBe(0);
  });

  it("opens the daily post modal with the click's trigger_id", async () => {
    const ack = await interact(homeClick("home_set_up_daily", "trig-daily"));
    expect(ack.status).toBe(200);
    await eventually(() => slackApi.calls("views.open").length === 1, "views.open");
    const [open] = slackApi.calls("views.open");
    expect(open!.trigger_id).toBe("trig-daily");
    expect((open!.view as { callback_id: string }).callback_id).toBe("daily_post");
  });

  it("loads the modal's place options from block_suggestion", async () => {
    const answer = await interact({
      type: "block_suggestion",
      ...who,
      action_id: FIELDS.places.action,
      block_id: FIELDS.places.block,
      value: "farr",
      view: { id: "VMODAL", type: "modal", callback_id: "daily_post" },
    });
    expect(answer.status).toBe(200);
    const { options } = (await answer.json()) as { options: { value: string }[] };
    expect(options.map((option) => option.value)).toContain(FARRAGUT);
  });

  it("answers a submission naming an unknown place with errors, and saves nothing", async () => {
    const answer = await interact(submission(["DC - Nowhere Plaza"]));
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors[FIELDS.places.block]).toContain("DC - Nowhere Plaza");
    expect(subscriptionRows()).toBe(0);
  });

  it("saves a good submission (channel, 11:30, Farragut), republishes the Home, and a weekday 11:30 tick posts it", async () => {
    const before = publishes().length;
    const answer = await interact(submission([FARRAGUT]));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe("");
    expect(subscriptionRows()).toBe(1);
    await eventually(() => publishes().length === before + 1, "the Home republished after the save");
    expect(JSON.stringify(publishes().at(-1)!.view)).toContain(FARRAGUT);

    const posted = slackApi.posts().length;
    // Wednesday 2 December 2026, 11:30 in New York.
    const tick = await slacktrux(["tick", "--at", "2026-12-02T16:30:00Z"], { ...env, PATH: process.env.PATH ?? "" });
    expect(tick.stdout).toContain("1 due (1 posted)");
    const post = slackApi.posts().slice(posted);
    expect(post).toHaveLength(1);
    expect(post[0]!.channel).toBe("C0TEST");
    expect(post[0]!.blocks).toContain(FARRAGUT);
  });

  it("opens the daily post modal for `/foodtrucks settings` with the command's trigger_id", async () => {
    const opened = slackApi.calls("views.open").length;
    const body = commandBody("settings", `${responses.url}/commands/settings`, { trigger_id: "trig-settings" });
    const ack = await fetch(`${serverUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
    expect(ack.status).toBe(200);
    await eventually(() => slackApi.calls("views.open").length === opened + 1, "views.open for settings");
    expect(slackApi.calls("views.open").at(-1)!.trigger_id).toBe("trig-settings");
  });
});

describe("a saved place, on a laptop", () => {
  const choosePlace = (place: string) => ({
    type: "view_submission",
    ...who,
    trigger_id: "trig-place",
    view: {
      id: "VPLACE",
      type: "modal",
      callback_id: MY_PLACE_MODAL,
      private_metadata: "",
      state: {
        values: {
          [FIELDS.place.block]: {
            [FIELDS.place.action]: { type: "external_select", selected_option: { value: place } },
          },
        },
      },
    },
  });
  const placeRows = () => {
    const database = openSqliteDatabase(join(dataDir, "slacktrux.db"));
    try {
      return (database.raw.prepare("SELECT COUNT(*) AS n FROM user_places").get() as { n: number }).n;
    } finally {
      database.close();
    }
  };
  const NO_PLACE_PROMPT = "Choose your place, and its trucks show here every day.";

  it("shows the place chosen in the modal until a signed app_uninstalled forgets it, and logs how many went", async () => {
    // Before any choice (no DEFAULT_PLACE here), the Home asks for a place.
    let before = publishes().length;
    expect((await postEvent(homeOpened())).status).toBe(200);
    await eventually(() => publishes().length === before + 1, "the Home before a place is chosen");
    expect(JSON.stringify(publishes().at(-1)!.view)).toContain(NO_PLACE_PROMPT);

    before = publishes().length;
    const answer = await interact(choosePlace(FARRAGUT));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe("");
    expect(placeRows()).toBe(1);
    await eventually(() => publishes().length === before + 1, "the Home republished with the place");
    const chosen = JSON.stringify(publishes().at(-1)!.view);
    expect(chosen).toContain("(your place)");
    expect(chosen).not.toContain(NO_PLACE_PROMPT);

    const uninstalled = { ...homeOpened(), event: { type: "app_uninstalled" } };
    expect((await postEvent(uninstalled)).status).toBe(200);
    expect(placeRows()).toBe(0);
    const forgotten = serve
      .stdout()
      .split("\n")
      .filter((line) => line.includes('"workspace forgotten"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(forgotten).toEqual([expect.objectContaining({ event: "app_uninstalled", team: TEAM, places: 1 })]);

    before = publishes().length;
    expect((await postEvent(homeOpened())).status).toBe(200);
    await eventually(() => publishes().length === before + 1, "the Home after the uninstall");
    const after = JSON.stringify(publishes().at(-1)!.view);
    expect(after).toContain(NO_PLACE_PROMPT);
    expect(after).not.toContain("(your place)");
  });
});

describe("the App Home over Socket Mode", () => {
  it("acks app_home_opened and answers it with views.publish", async () => {
    const appToken = "xapp-1-A0TEST-1-home";
    const standIn = await SocketModeStandIn.start({ appToken, webApiUrl: slackApi.apiUrl });
    const socketDir = mkdtempSync(join(tmpdir(), "slacktrux-home-socket-"));
    const { SLACK_SIGNING_SECRET: _signedOverHttpOnly, ...httpEnv } = env;
    const socketServe = startServe({
      ...httpEnv,
      SLACK_APP_TOKEN: appToken,
      SLACK_API_URL: standIn.apiUrl,
      SLACKTRUX_DATA_DIR: socketDir,
    });
    try {
      const connection = await standIn.connection(1, 10_000);
      const before = publishes().length;
      const envelopeId = connection.sendEnvelope("events_api", homeOpened());
      await standIn.ack(envelopeId);
      await eventually(() => publishes().length === before + 1, "views.publish over Socket Mode");
      expect(publishes().at(-1)!.user_id).toBe(USER);
    } finally {
      await socketServe.stop();
      await standIn.close();
      rmSync(socketDir, { recursive: true, force: true });
    }
  });
});
