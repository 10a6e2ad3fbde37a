// `slacktrux serve` in Socket Mode, end to end: the built CLI as a child process with
// SLACK_APP_TOKEN and SLACK_API_URL pointing at the loopback stand-in, no signing secret, the
// tracker served from the fixture page and response_urls caught on loopback.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { eventually, startSlackCatcher, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { startServe, type ServeProcess } from "../helpers/serveProcess.js";
import { SocketModeStandIn, type StandInConnection } from "../helpers/socketModeStandIn.js";
import { commandFields } from "../helpers/slackRequest.js";

const TOKEN = "xapp-1-A0STANDIN-1-s3cr3tt0ken";
const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");

let tracker: LoopbackServer;
let catcher: LoopbackServer;
let standIn: SocketModeStandIn;
let serve: ServeProcess;
let healthUrl: string;
let counter = 0;

function envFor(apiUrl: string, token = TOKEN): Record<string, string> {
  return {
    SLACK_APP_TOKEN: token,
    SLACK_API_URL: apiUrl,
    PORT: "0",
    TRACKER_URL: tracker.url,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  };
}

beforeAll(async () => {
  tracker = await startTrackerServer(fixture);
  catcher = await startSlackCatcher();
  standIn = await SocketModeStandIn.start({ appToken: TOKEN });
  serve = startServe(envFor(standIn.apiUrl));
  const [, url] = await serve.waitForStderr(
    /connected to Slack by Socket Mode \(GET \/healthz on (http:\/\/[\d.]+:\d+)\)/,
  );
  healthUrl = `${url}/healthz`;
});
afterAll(async () => {
  const code = await serve.stop();
  expect(code).toBe(0);
  await standIn.close();
  await tracker.close();
  await catcher.close();
});
afterEach(() => {
  // Whatever a test did, nothing secret reached the logs.
  const written = serve.stdout() + serve.stderr();
  expect(written).not.toContain("s3cr3tt0ken");
  expect(written).not.toContain("ticket=");
  expect(written).not.toContain("/secret-path");
});

const responseUrl = (kind: string) => `${catcher.url}/${kind}/T0TEST/${++counter}/secret-path`;
const postedTo = (url: string) =>
  catcher.requests
    .filter((request) => `${catcher.url}${request.url}` === url)
    .map((request) => JSON.parse(request.body) as SlackMessage);

function commandPayload(text: string, url: string) {
  return { ...commandFields(text, url), is_enterprise_install: "false" };
}

/** Sends /foodtrucks <text> on a connection; the ack must come within Slack's 3 s. */
async function command(connection: StandInConnection, text: string) {
  const url = responseUrl("commands");
  const id = connection.sendEnvelope("slash_commands", commandPayload(text, url));
  const ack = await standIn.ack(id, 3_000);
  return { ack, url };
}

async function health(): Promise<{ status: number; text: string }> {
  const response = await fetch(healthUrl);
  return { status: response.status, text: await response.text() };
}

describe("slacktrux serve with SLACK_APP_TOKEN (Socket Mode)", () => {
  it("says hello with one connection, and /healthz is ok", async () => {
    expect(standIn.openCalls).toBe(1);
    expect(standIn.openConnections()).toHaveLength(1);
    expect(serve.logs().some((line) => line.msg === "socket mode: hello")).toBe(true);
    expect(await health()).toEqual({ status: 200, text: "ok" });
  });

  it("acks /foodtrucks farragut with Looking…, then posts the trucks to the response_url", async () => {
    const { ack, url } = await command(await standIn.connection(1), "farragut");
    expect(ack.payload).toEqual({ response_type: "ephemeral", text: "Looking up food trucks at farragut…" });
    await eventually(() => postedTo(url).length > 0, "the trucks posted");
    const [answer] = postedTo(url);
    expect(JSON.stringify(answer)).toContain("Food trucks at DC - Farragut Square: District Taco");
    expect(JSON.stringify(answer)).toContain("District Taco");
  });

  it("answers a command Slack re-sends (the same envelope again) once: phase 2 claims its response_url", async () => {
    const connection = await standIn.connection(1);
    const url = responseUrl("commands");
    const payload = commandPayload("franklin", url);
    const id = connection.sendEnvelope("slash_commands", payload);
    await standIn.ack(id, 3_000);
    await eventually(() => postedTo(url).length > 0, "the first answer");
    const again = connection.sendEnvelope("slash_commands", payload);
    expect((await standIn.ack(again, 3_000)).payload).toMatchObject({ text: "Looking up food trucks at franklin…" });
    await eventually(
      () => serve.logs().some((line) => line.outcome === "duplicate"),
      "the re-sent command found already answered",
    );
    expect(postedTo(url)).toHaveLength(1);
  });

  it("answers help and the bare command's menu in the ack, as over HTTP", async () => {
    const connection = await standIn.connection(1);
    const help = await command(connection, "help");
    expect(JSON.stringify(help.ack.payload)).toContain("/foodtrucks");
    expect(postedTo(help.url)).toEqual([]);

    const bare = await command(connection, "");
    expect(bare.ack.payload).toMatchObject({ response_type: "ephemeral" });
    await eventually(() => postedTo(bare.url).length > 0, "the menu posted");
    expect(JSON.stringify(postedTo(bare.url)[0])).toContain("pick_place");
  });

  it("acks a click (an interactive envelope) empty and posts the chosen place", async () => {
    const url = responseUrl("actions");
    const id = (await standIn.connection(1)).sendEnvelope("interactive", {
      type: "block_actions",
      user: { id: "U0CLICKER", team_id: "T0TEST" },
      team: { id: "T0TEST" },
      container: { type: "message", is_ephemeral: true },
      response_url: url,
      actions: [{ action_id: "pick_place", type: "static_select", selected_option: { value: "DC - Franklin Square" } }],
    });
    const ack = await standIn.ack(id, 3_000);
    expect(ack).toEqual({ envelope_id: id, connectionId: 1 });
    await eventually(() => postedTo(url).length >= 2, "the place posted and the menu removed");
    const [list, removal] = postedTo(url);
    expect(list!.response_type).toBe("in_channel");
    expect(JSON.stringify(list)).toContain("TaKorean");
    expect(removal).toMatchObject({ delete_original: true });
  });

  it("logs malformed frames and an unusable payload, and keeps answering", async () => {
    const connection = await standIn.connection(1);
    connection.sendRaw("not json {");
    connection.sendRaw(JSON.stringify({ type: "slash_commands", payload: {} })); // no envelope_id
    const bad = connection.sendEnvelope("slash_commands", { command: "/foodtrucks" }); // no response_url…
    expect(await standIn.ack(bad, 3_000)).toEqual({ envelope_id: bad, connectionId: 1 });
    const { ack } = await command(connection, "franklin");
    expect(ack.payload).toMatchObject({ text: "Looking up food trucks at franklin…" });
    const warnings = serve.logs().filter((line) => line.level === "warn");
    expect(warnings.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        "socket mode: ignored a frame that is not a JSON object",
        "socket mode: ignored an envelope without envelope_id",
        "request rejected",
      ]),
    );
    expect(await health()).toEqual({ status: 200, text: "ok" });
  });

  it("keeps answering across a refresh_requested: the old socket acks what it got, the new one takes over", async () => {
    const old = await standIn.connection(1);
    old.disconnect("refresh_requested");
    const late = await command(old, "farragut");
    expect(late.ack).toMatchObject({ connectionId: 1, payload: { text: "Looking up food trucks at farragut…" } });
    const fresh = await standIn.connection(2);
    await old.whenClosed;
    const next = await command(fresh, "franklin");
    expect(next.ack).toMatchObject({ connectionId: 2, payload: { text: "Looking up food trucks at franklin…" } });
    await eventually(() => postedTo(late.url).length > 0 && postedTo(next.url).length > 0, "both answered");
    expect(JSON.stringify(postedTo(next.url))).toContain("TaKorean");
    expect(await health()).toEqual({ status: 200, text: "ok" });
  });

  it("reports 503 on /healthz while the socket is down, reconnects after a drop, then answers again", async () => {
    const before = standIn.connections.length;
    standIn.openError = "internal_error"; // Slack refuses new connections for a while
    standIn.openConnections()[0]!.drop();
    await eventually(
      () => serve.logs().some((line) => line.msg === "socket mode: connection lost, reconnecting"),
      "the drop noticed",
    );
    expect(await health()).toEqual({ status: 503, text: "socket mode: not connected" });
    standIn.openError = undefined;
    const again = await standIn.connection(before + 1, 10_000);
    await eventually(() => again.open, "reconnected");
    const { ack } = await command(again, "farragut");
    expect(ack.payload).toMatchObject({ text: "Looking up food trucks at farragut…" });
    expect(await health()).toEqual({ status: 200, text: "ok" }); // the ack came on the new socket
  });
});

describe("slacktrux serve in Socket Mode: start-up and stop errors", () => {
  it("exits 1 with a clear message when Slack refuses the token, never printing it", async () => {
    const other = startServe(envFor(standIn.apiUrl, "xapp-1-A0OTHER-1-s3cr3tt0ken"));
    expect(await other.exited).toBe(1);
    expect(other.stderr()).toContain("SLACK_APP_TOKEN is not a valid app-level token for this app");
    expect(other.stdout() + other.stderr()).not.toContain("s3cr3tt0ken");
  });

  it("exits 2 before connecting when the token is not an app-level token", async () => {
    const calls = standIn.openCalls;
    const bot = startServe(envFor(standIn.apiUrl, "xoxb-123-s3cr3tt0ken"));
    expect(await bot.exited).toBe(2);
    expect(bot.stderr()).toContain("SLACK_APP_TOKEN must be an app-level token starting with xapp-");
    expect(bot.stderr()).not.toContain("s3cr3tt0ken");
    expect(standIn.openCalls).toBe(calls);
  });

  it("exits 1 with a clear message when Slack disables the link", async () => {
    const own = await SocketModeStandIn.start({ appToken: TOKEN });
    try {
      const linked = startServe(envFor(own.apiUrl));
      await linked.waitForStderr(/connected to Slack by Socket Mode/);
      (await own.connection(1)).disconnect("link_disabled");
      expect(await linked.exited).toBe(1);
      expect(linked.stderr()).toMatch(/link_disabled.*Socket Mode was turned off for this app/);
      expect(own.openCalls).toBe(1);
    } finally {
      await own.close();
    }
  });
});
