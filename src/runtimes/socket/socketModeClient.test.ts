// The Socket Mode client against the loopback stand-in: hello, acks by envelope_id, malformed
// frames, refresh with overlap, drops, pings, link_disabled, wrong tokens, and a clean close.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import type { LogFields } from "../../observe/log.js";
import { SocketModeStandIn } from "../../../test/helpers/socketModeStandIn.js";
import {
  startSocketMode,
  type SocketModeConnection,
  type SocketModeEnvelope,
  type SocketModeOptions,
} from "./socketModeClient.js";
import { SocketModeError } from "./socketModeError.js";

const TOKEN = "xapp-1-A0STANDIN-123-secretsecret";
// The shipped esbuild settings (plain JavaScript, so imported by URL).
const { SHIPPED_SETTINGS } = (await import(new URL("../../../scripts/bundleSettings.mjs", import.meta.url).href)) as {
  SHIPPED_SETTINGS: BuildOptions;
};
const CLIENT_SOURCE = fileURLToPath(new URL("./socketModeClient.ts", import.meta.url));

interface Line {
  level: "info" | "warn" | "error";
  msg: string;
  fields: LogFields | undefined;
}
function memoryLog() {
  const lines: Line[] = [];
  const add = (level: Line["level"]) => (msg: string, fields?: LogFields) => void lines.push({ level, msg, fields });
  return {
    lines,
    log: { info: add("info"), warn: add("warn"), error: add("error") },
    text: () => JSON.stringify(lines),
  };
}

async function waitFor(cond: () => boolean, timeoutMs = 3000, what = "condition"): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const command = {
  token: "legacy-verification-token",
  team_id: "T0001",
  team_domain: "acme",
  channel_id: "C0001",
  user_id: "U0001",
  command: "/foodtrucks",
  text: "farragut",
  api_app_id: "A0STANDIN",
  response_url: "https://hooks.slack.com/commands/T0001/1/secret",
  trigger_id: "1.2.3",
};
const looking = { response_type: "ephemeral", text: "Looking…" };

let standIn: SocketModeStandIn;
let memory: ReturnType<typeof memoryLog>;
let seen: SocketModeEnvelope[];
let clients: SocketModeConnection[];

beforeEach(async () => {
  standIn = await SocketModeStandIn.start({ appToken: TOKEN });
  memory = memoryLog();
  seen = [];
  clients = [];
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await standIn.close();
});

async function start(overrides: Partial<SocketModeOptions> = {}): Promise<SocketModeConnection> {
  const client = await startSocketMode({
    appToken: TOKEN,
    apiUrl: standIn.apiUrl,
    log: memory.log,
    onEnvelope: async (envelope) => {
      seen.push(envelope);
      if (envelope.type === "slash_commands") return looking;
      return undefined;
    },
    backoffBaseMs: 20,
    backoffCapMs: 100,
    closeGraceMs: 200,
    connectTimeoutMs: 2000,
    ...overrides,
  });
  clients.push(client);
  return client;
}

describe("startSocketMode", () => {
  it("resolves after hello, with one connection, and never logs the token or the ticket", async () => {
    const client = await start();
    expect(client.connected).toBe(true);
    expect(standIn.openCalls).toBe(1);
    expect(standIn.connections).toHaveLength(1);
    expect(memory.lines.find((l) => l.msg === "socket mode: hello")?.fields).toMatchObject({
      connection: 1,
      numConnections: 1,
    });
    const conn = await standIn.connection(1);
    await standIn.ack(conn.sendEnvelope("slash_commands", command));
    await client.close();
    expect(memory.text()).not.toContain("secretsecret");
    expect(memory.text()).not.toContain("ticket");
    expect(memory.text()).not.toContain("hooks.slack.com");
  });

  it("rejects a wrong token with a message naming SLACK_APP_TOKEN, without opening a socket", async () => {
    const err: unknown = await start({ appToken: "xapp-1-wrong" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SocketModeError);
    expect((err as SocketModeError).code).toBe("invalid_auth");
    expect((err as Error).message).toMatch(/SLACK_APP_TOKEN/);
    expect(standIn.openCalls).toBe(1); // not retried
    expect(standIn.connections).toHaveLength(0);
    expect(memory.text()).not.toContain("xapp-1-wrong");
  });

  it("rejects a bot token (not_allowed_token_type) and an empty token clearly", async () => {
    standIn.openError = "not_allowed_token_type";
    await expect(start()).rejects.toThrow(/not_allowed_token_type.*SLACK_APP_TOKEN must be an app-level token/);
    await expect(start({ appToken: "" })).rejects.toThrow(/SLACK_APP_TOKEN is empty/);
  });

  it("rejects when the link is disabled before the first hello", async () => {
    standIn.helloOnConnect = false;
    const starting = start();
    (await standIn.connection(1)).disconnect("link_disabled");
    await expect(starting).rejects.toThrow(/link_disabled.*Socket Mode was turned off/);
  });

  it("gives up starting after startAttempts retryable failures", async () => {
    standIn.openError = "internal_error";
    await expect(start({ startAttempts: 3 })).rejects.toThrow(
      /could not connect after 3 attempts: apps.connections.open failed: internal_error/,
    );
    expect(standIn.openCalls).toBe(3);
  });
});

describe("envelopes", () => {
  it("acks a slash command by envelope_id with the payload onEnvelope returns", async () => {
    await start();
    const conn = await standIn.connection(1);
    const id = conn.sendEnvelope("slash_commands", command);
    const ack = await standIn.ack(id);
    expect(ack).toEqual({ envelope_id: id, payload: looking, connectionId: 1 });
    expect(seen).toEqual([{ type: "slash_commands", payload: command, envelopeId: id, retryAttempt: 0 }]);
  });

  it("acks an interaction with the returned payload, or with no payload for undefined", async () => {
    await start({
      onEnvelope: async (e) =>
        (e.payload as { type: string }).type === "block_actions" ? undefined : { response_action: "clear" },
    });
    const conn = await standIn.connection(1);
    const a = conn.sendEnvelope("interactive", { type: "block_actions", actions: [{ action_id: "refresh" }] });
    const b = conn.sendEnvelope("interactive", { type: "view_submission", view: { id: "V1" } });
    expect(await standIn.ack(a)).toEqual({ envelope_id: a, connectionId: 1 });
    expect(await standIn.ack(b)).toEqual({ envelope_id: b, payload: { response_action: "clear" }, connectionId: 1 });
  });

  it("hands events_api (and any type with an envelope_id) to onEnvelope, acking with what it returns", async () => {
    await start({ onEnvelope: async (envelope) => void seen.push(envelope) });
    const conn = await standIn.connection(1);
    const id = conn.sendEnvelope("events_api", { event: { type: "app_mention" } });
    expect(await standIn.ack(id)).toEqual({ envelope_id: id, connectionId: 1 });
    expect(seen).toEqual([
      { type: "events_api", payload: { event: { type: "app_mention" } }, envelopeId: id, retryAttempt: 0 },
    ]);
  });

  it("acks empty and logs when onEnvelope throws or is too slow", async () => {
    let slowFinished = false;
    await start({
      ackTimeoutMs: 100,
      onEnvelope: async (e) => {
        if ((e.payload as { text: string }).text === "boom") throw new Error("phase 1 exploded");
        await sleep(1000);
        slowFinished = true;
        return looking;
      },
    });
    const conn = await standIn.connection(1);
    const boom = conn.sendEnvelope("slash_commands", { ...command, text: "boom" });
    const slow = conn.sendEnvelope("slash_commands", command);
    expect(await standIn.ack(boom)).toEqual({ envelope_id: boom, connectionId: 1 });
    expect(await standIn.ack(slow)).toEqual({ envelope_id: slow, connectionId: 1 });
    expect(slowFinished).toBe(false); // acked without waiting for the handler
    const errors = memory.lines.filter((l) => l.level === "error").map((l) => l.fields?.error);
    expect(errors).toEqual(["phase 1 exploded", "handler took over 100 ms"]);
  });

  it("acks empty when the returned payload cannot be serialised", async () => {
    await start({ onEnvelope: async () => ({ n: 1n }) });
    const id = (await standIn.connection(1)).sendEnvelope("slash_commands", command);
    expect(await standIn.ack(id)).toEqual({ envelope_id: id, connectionId: 1 });
    expect(memory.lines.filter((l) => l.level === "error")).toHaveLength(1);
  });

  it("logs and ignores malformed frames; later envelopes are still acked on the same connection", async () => {
    const client = await start();
    const conn = await standIn.connection(1);
    conn.sendRaw("not json {");
    conn.sendRaw("[1,2,3]");
    conn.sendRaw("null");
    conn.sendRaw(JSON.stringify({ type: "mystery" }));
    conn.sendRaw(JSON.stringify({ type: "slash_commands", payload: command })); // no envelope_id
    conn.sendRaw(JSON.stringify({ envelope_id: "", type: "interactive", payload: {} }));
    conn.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    conn.sendRaw(JSON.stringify({ envelope_id: "unknown-1", type: "future_type", payload: {} }));
    const id = conn.sendEnvelope("slash_commands", command);
    expect((await standIn.ack(id)).payload).toEqual(looking);
    // A type this client does not know still reaches onEnvelope: the app core decides (it acks empty).
    expect(await standIn.ack("unknown-1")).toMatchObject({ envelope_id: "unknown-1", connectionId: 1 });
    expect(memory.lines.filter((l) => l.level === "warn")).toHaveLength(7);
    expect(seen.map((envelope) => envelope.type)).toEqual(["future_type", "slash_commands"]);
    expect(client.connected).toBe(true);
    expect(standIn.connections).toHaveLength(1);
  });
});

describe("reconnecting", () => {
  it.each(["refresh_requested", "warning"] as const)(
    "%s: opens the new connection before closing the old; no envelope lost",
    async (reason) => {
      const client = await start();
      const old = await standIn.connection(1);
      old.disconnect(reason);
      const late = old.sendEnvelope("slash_commands", { ...command, text: "late on old" }); // still served by the old link
      const fresh = await standIn.connection(2);
      expect(old.open).toBe(true); // overlap: old still open when the new one connects
      const first = fresh.sendEnvelope("slash_commands", { ...command, text: "first on new" });
      expect(await standIn.ack(late)).toMatchObject({ connectionId: 1, payload: looking });
      expect(await standIn.ack(first)).toMatchObject({ connectionId: 2, payload: looking });
      await old.whenClosed;
      expect(old.closeCode).toBe(1000); // closed politely by the client, after the new hello
      expect(old.closedAt!).toBeGreaterThanOrEqual(fresh.openedAt);
      expect(standIn.openCalls).toBe(2);
      expect(client.connected).toBe(true);
      expect(fresh.open).toBe(true);
      const after = fresh.sendEnvelope("interactive", { type: "block_actions" });
      expect(await standIn.ack(after)).toMatchObject({ connectionId: 2 });
    },
  );

  it("reconnects after a dropped socket, then acks again", async () => {
    const client = await start();
    (await standIn.connection(1)).drop();
    const second = await standIn.connection(2);
    await waitFor(() => client.connected, 3000, "reconnected");
    expect(memory.lines.some((l) => l.msg === "socket mode: connection lost, reconnecting")).toBe(true);
    const id = second.sendEnvelope("slash_commands", command);
    expect(await standIn.ack(id)).toMatchObject({ connectionId: 2, payload: looking });
  });

  it("keeps retrying apps.connections.open with backoff while Slack errors, then recovers", async () => {
    const client = await start();
    standIn.openError = "internal_error";
    (await standIn.connection(1)).drop();
    await waitFor(() => standIn.openCalls >= 4, 3000, "retries");
    expect(client.connected).toBe(false);
    standIn.openError = undefined;
    await waitFor(() => client.connected, 3000, "recovered");
    expect(standIn.connections).toHaveLength(2);
  });

  it("link_disabled: stops, marks not connected, logs an error, does not reconnect", async () => {
    const client = await start();
    const conn = await standIn.connection(1);
    conn.disconnect("link_disabled");
    const err = await client.stopped;
    expect(err).toBeInstanceOf(SocketModeError);
    expect((err as SocketModeError).code).toBe("link_disabled");
    expect(client.connected).toBe(false);
    expect(memory.lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      expect.stringMatching(/Socket Mode was turned off/),
    ]);
    await conn.whenClosed;
    await sleep(300);
    expect(standIn.openCalls).toBe(1);
    expect(standIn.connections).toHaveLength(1);
  });

  it("answers server pings (ws autoPong)", async () => {
    await start();
    const conn = await standIn.connection(1);
    conn.ping();
    conn.ping();
    await waitFor(() => conn.pongs === 2, 1000, "pongs");
  });

  it("reconnects when Slack stops showing signs of life for serverPingTimeoutMs", async () => {
    const client = await start({ serverPingTimeoutMs: 150, clientPingIntervalMs: 0 });
    await standIn.connection(2);
    expect(memory.lines.some((l) => l.msg === "socket mode: no sign of life from Slack, reconnecting")).toBe(true);
    await waitFor(() => client.connected, 2000, "reconnected");
  });

  it("reconnects when a frozen server stops answering our pings", async () => {
    const client = await start({ serverPingTimeoutMs: 150, clientPingIntervalMs: 40 });
    (await standIn.connection(1)).freeze();
    await standIn.connection(2);
    await waitFor(() => client.connected, 2000, "reconnected");
  });

  it("stays on one connection while Slack pings, or answers our pings, within the timeout", async () => {
    // standIn never pings: only the pongs to our own pings keep this link alive.
    await start({ serverPingTimeoutMs: 150, clientPingIntervalMs: 40 });
    const pinging = await SocketModeStandIn.start({ appToken: TOKEN, pingIntervalMs: 40 });
    try {
      await start({ apiUrl: pinging.apiUrl, serverPingTimeoutMs: 150, clientPingIntervalMs: 0 });
      await sleep(600);
      expect(standIn.connections).toHaveLength(1);
      expect(pinging.connections).toHaveLength(1);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await pinging.close();
    }
  });
});

describe("close()", () => {
  it("closes the socket and stops reconnecting", async () => {
    const client = await start();
    const conn = await standIn.connection(1);
    await client.close();
    expect(client.connected).toBe(false);
    expect(await client.stopped).toBeUndefined();
    await conn.whenClosed;
    expect(conn.closeCode).toBe(1000);
    await sleep(200);
    expect(standIn.connections).toHaveLength(1);
    await client.close(); // idempotent
  });

  it("does not wait for a hung server's close handshake longer than closeGraceMs", async () => {
    // Without the grace timer, ws waits 30 s for the close frame: longer than this test may run.
    const client = await start({ closeGraceMs: 100 });
    const conn = await standIn.connection(1);
    conn.freeze();
    await client.close();
    expect(client.connected).toBe(false);
  });

  it("close() during a reconnect backoff cancels it", async () => {
    const client = await start({ backoffBaseMs: 400, backoffCapMs: 400 });
    (await standIn.connection(1)).drop();
    await waitFor(() => memory.lines.some((l) => l.msg === "socket mode: connection lost, reconnecting"), 2000, "lost");
    await client.close();
    await sleep(500);
    expect(standIn.openCalls).toBe(1);
  });

  it.each(["connected", "in backoff"] as const)(
    "leaves no handles: a process that connected, reconnected and closed (%s) exits on its own",
    async (when) => {
      // Bundled as the CLI is (ws included, the createRequire banner), so this is what ships.
      const dir = await mkdtemp(join(tmpdir(), "slacktrux-socket-"));
      try {
        const childSource = `
        import { startSocketMode } from ${JSON.stringify(CLIENT_SOURCE)};
        const log = { info() {}, warn() {}, error: (m) => console.error(m) };
        const client = await startSocketMode({ appToken: process.env.APP_TOKEN, apiUrl: process.env.API_URL, log,
          onEnvelope: async () => ({ text: "Looking…" }), clientPingIntervalMs: 1000,
          backoffBaseMs: Number(process.env.BACKOFF_MS), backoffCapMs: Number(process.env.BACKOFF_MS) });
        console.log("connected");
        process.stdin.once("data", async () => {
          await client.close();
          console.log("closed " + JSON.stringify(process.getActiveResourcesInfo()));
        });
      `;
        const outfile = join(dir, "closeChild.mjs");
        await writeFile(join(dir, "closeChild.src.mjs"), childSource);
        await build({
          ...SHIPPED_SETTINGS,
          entryPoints: [join(dir, "closeChild.src.mjs")],
          outfile,
          logLevel: "silent",
        });
        const child = spawn(process.execPath, [outfile], {
          env: {
            ...process.env,
            APP_TOKEN: TOKEN,
            API_URL: standIn.apiUrl,
            BACKOFF_MS: when === "connected" ? "10" : "8000",
          },
          stdio: ["pipe", "pipe", "pipe"],
        });
        let out = "";
        let errOut = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (errOut += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        await waitFor(() => out.includes("connected"), 5000, `child connected (stderr: ${errOut})`);
        (await standIn.connection(1)).drop(); // exercise the reconnect path and its timers first
        if (when === "connected") await standIn.connection(2);
        await sleep(200); // "in backoff": the child now waits 4–8 s before reconnecting; close() must cancel that wait
        expect(standIn.connections).toHaveLength(when === "connected" ? 2 : 1);
        child.stdin.write("close\n");
        child.stdin.end(); // so stdin itself does not keep the child alive
        const code = await Promise.race([exited, sleep(3000).then(() => "still running" as const)]);
        if (code === "still running") child.kill("SIGKILL");
        expect({ code, out }).toMatchObject({ code: 0, out: expect.stringContaining("closed") });
        const resources = JSON.parse(out.slice(out.indexOf("closed ") + 7).trim()) as string[];
        expect(resources.filter((r) => r === "Timeout" || r === "TCPSocketWrap")).toEqual([]);
        expect(standIn.connections.every((c) => c.closed || !c.open)).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("frames, refreshes and hello", () => {
  it("drops a frame over 1 MiB as soon as its header says so, reconnects, and acks again", async () => {
    const client = await start();
    const first = await standIn.connection(1);
    const fits = first.sendEnvelope("slash_commands", { ...command, text: "x".repeat(500_000) });
    expect(await standIn.ack(fits)).toMatchObject({ connectionId: 1 });
    // The header of an 8 MiB frame, then its body: the client closes before reading the body.
    first.sendRaw(
      JSON.stringify({ envelope_id: "huge", type: "slash_commands", payload: "y".repeat(8 * 1024 * 1024) }),
    );
    await first.whenClosed;
    expect(first.closeCode).toBe(1009);
    const second = await standIn.connection(2);
    await waitFor(() => client.connected, 3000, "reconnected");
    const id = second.sendEnvelope("slash_commands", command);
    expect(await standIn.ack(id)).toMatchObject({ connectionId: 2, payload: looking });
    expect(seen.some((e) => e.envelopeId === "huge")).toBe(false);
  });

  it("waits longer each time Slack asks again for a refresh of a link that is not yet stable", async () => {
    await start({ backoffBaseMs: 40, backoffCapMs: 1_000, random: () => 0 });
    for (let n = 1; n <= 5; n++) (await standIn.connection(n)).disconnect("refresh_requested");
    await standIn.connection(6);
    const waits = memory.lines
      .filter((l) => l.msg === "socket mode: repeated refresh requests, waiting before the next connection")
      .map((l) => l.fields?.waitMs);
    // The first refresh of a fresh link goes at once; the next ones wait d/2 with d doubling (jitter 0).
    expect(waits).toEqual([20, 40, 80, 160]);
    expect(standIn.openCalls).toBe(6);
  });

  it("honours a refresh that arrives in the same burst as the new link's hello", async () => {
    await standIn.close();
    standIn = await SocketModeStandIn.start({ appToken: TOKEN, helloOnConnect: false });
    const starting = start();
    (await standIn.connection(1)).hello();
    const client = await starting;
    (await standIn.connection(1)).disconnect("refresh_requested");
    const second = await standIn.connection(2);
    second.hello();
    second.disconnect("refresh_requested"); // the same burst: the link is not yet promoted
    const third = await standIn.connection(3);
    third.hello();
    await second.whenClosed;
    await waitFor(() => client.connected, 3000, "connected on the third link");
    const id = third.sendEnvelope("slash_commands", command);
    expect(await standIn.ack(id)).toMatchObject({ connectionId: 3 });
  });
});
