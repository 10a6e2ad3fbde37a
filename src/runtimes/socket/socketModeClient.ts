// A Socket Mode client on `ws` alone (no framework): apps.connections.open with the app-level
// token → a wss URL → hello → envelopes, each acked by its envelope_id.
// - slash_commands / interactive: the ack's payload is what onEnvelope returns (phase 1's message);
//   an empty ack if it throws or is too slow, so Slack does not re-send a request we gave up on.
// - events_api and any other type that carries an envelope_id: handed on the same way; the app
//   core acks empty the types it has no route for.
// - disconnect refresh_requested / warning: a new connection is opened first, and the old one is
//   closed only after the new one said hello, so no envelope is lost in between. link_disabled:
//   stop for good with a clear error.
// - socket close or error, or no sign of life for serverPingTimeoutMs: reconnect with exponential
//   backoff and jitter. ws answers Slack's pings itself; we ping too, so a quiet link shows life.
// Never logged: the app token, the wss URL's query (a one-time ticket), envelope payloads (they
// carry response URLs).
import { WebSocket, type RawData } from "ws";
import type { Logger } from "../../observe/log.js";
import { errorText, openConnectionUrl } from "./openConnectionUrl.js";
import { redact } from "./redact.js";
import { SocketModeError } from "./socketModeError.js";

/** "slash_commands", "interactive", "events_api", or a type Slack adds later: the app core decides. */
export type SocketModeEnvelopeType = string;

export interface SocketModeEnvelope {
  type: SocketModeEnvelopeType;
  /** The HTTP form's fields as JSON (slash_commands), or the form's `payload` JSON (interactive). */
  payload: unknown;
  envelopeId: string;
  /** > 0 when Slack re-sends an envelope it thinks was not acked. */
  retryAttempt: number;
}

export interface SocketModeOptions {
  /** App-level token (xapp-…, scope connections:write). Never logged. */
  appToken: string;
  /** Web API base, ending with "/" (SLACK_API_URL: https://slack.com/api/ unless GovSlack or a test). */
  apiUrl: string;
  /** Returns the ack's payload (undefined: an empty ack). Must resolve well within 3 s. */
  onEnvelope: (envelope: SocketModeEnvelope) => Promise<unknown>;
  log: Logger;
  /** Reconnect backoff: delay n is uniform in [d/2, d], d = min(cap, base·2ⁿ). */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** No frame (ping, pong, message) from Slack for this long: terminate and reconnect. */
  serverPingTimeoutMs?: number;
  /** We ping Slack this often so a quiet link still shows life through pongs; 0 = never. */
  clientPingIntervalMs?: number;
  /** Each of: apps.connections.open's HTTP timeout, the WebSocket handshake, the wait for hello. */
  connectTimeoutMs?: number;
  /** onEnvelope slower than this gets an empty ack (Slack's limit is 3 s). */
  ackTimeoutMs?: number;
  /** close(): wait this long for the close handshake, then terminate. */
  closeGraceMs?: number;
  /** startSocketMode rejects after this many consecutive retryable failures. */
  startAttempts?: number;
  /** A connection that lived at least this long resets the backoff. */
  stableAfterMs?: number;
  /** For tests: the jitter source. */
  random?: () => number;
  /**
   * A frame larger than this closes the socket (1009) as soon as its header says so, before its
   * body is read; the client reconnects. Slack's envelopes are a few KB (a block_actions payload
   * at most tens), so 1 MiB is far above any real one and far below ws's 100 MiB default.
   */
  maxFrameBytes?: number;
}

export interface SocketModeConnection {
  /** A socket that said hello is open. */
  readonly connected: boolean;
  /** Resolves when the client stops for good: undefined after close(), the error after link_disabled or a revoked token. */
  readonly stopped: Promise<Error | undefined>;
  /** Stops reconnecting, closes every socket, clears every timer. */
  close(): Promise<void>;
}

/** Connects and resolves after the first hello; rejects on a wrong token, a disabled link or repeated failures. */
export async function startSocketMode(options: SocketModeOptions): Promise<SocketModeConnection> {
  const client = new Client(options);
  await client.start();
  return client;
}

type Settings = Required<SocketModeOptions>;

/** ws's maxPayload for Slack's sockets: 1 MiB. */
export const MAX_FRAME_BYTES = 1024 * 1024;

function settingsFrom(options: SocketModeOptions): Settings {
  return {
    appToken: options.appToken,
    apiUrl: options.apiUrl,
    onEnvelope: options.onEnvelope,
    log: options.log,
    backoffBaseMs: options.backoffBaseMs ?? 500,
    backoffCapMs: options.backoffCapMs ?? 30_000,
    // Three missed client pings.
    serverPingTimeoutMs: options.serverPingTimeoutMs ?? 15_000,
    clientPingIntervalMs: options.clientPingIntervalMs ?? 5_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    ackTimeoutMs: options.ackTimeoutMs ?? 2_500,
    closeGraceMs: options.closeGraceMs ?? 1_000,
    startAttempts: options.startAttempts ?? 5,
    stableAfterMs: options.stableAfterMs ?? 30_000,
    random: options.random ?? Math.random,
    maxFrameBytes: options.maxFrameBytes ?? MAX_FRAME_BYTES,
  };
}

/** One WebSocket connection and its timers. */
interface Link {
  id: number;
  ws: WebSocket;
  helloAt: number | undefined;
  retiring: boolean;
  liveTimer: NodeJS.Timeout | undefined;
  pingTimer: NodeJS.Timeout | undefined;
  helloTimer: NodeJS.Timeout | undefined;
  graceTimer: NodeJS.Timeout | undefined;
  closed: Promise<void>;
  onHello: (() => void) | undefined;
  onFail: ((err: Error) => void) | undefined;
  /** Slack asked this link to be replaced before it was promoted (in the same burst as its hello). */
  refreshRequested: boolean;
}

class Client implements SocketModeConnection {
  private readonly o: Settings;
  private readonly links = new Set<Link>();
  private active: Link | undefined;
  private opening = false;
  private isStopped = false;
  /** How many links in a row died before they were stable: drives the backoff. */
  private churn = 0;
  /** How many refreshes in a row Slack asked of links that were not yet stable: drives their backoff. */
  private refreshChurn = 0;
  private nextLinkId = 1;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly abort = new AbortController();
  private readonly ready: Deferred<void> = deferred();
  private readonly stoppedDeferred: Deferred<Error | undefined> = deferred();
  private closing: Promise<void> | undefined;
  readonly stopped = this.stoppedDeferred.promise;

  constructor(options: SocketModeOptions) {
    this.o = settingsFrom(options);
    this.ready.promise.catch(() => {}); // observed in start()
  }

  get connected(): boolean {
    return !this.isStopped && this.active !== undefined && this.active.ws.readyState === WebSocket.OPEN;
  }

  async start(): Promise<void> {
    if (!this.o.appToken) {
      throw new SocketModeError(
        "not_authed",
        "Socket Mode: SLACK_APP_TOKEN is empty (an app-level token xapp-… is required)",
        true,
      );
    }
    void this.connect("start");
    try {
      await this.ready.promise;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  close(): Promise<void> {
    this.stop(undefined);
    return this.closing ?? Promise.resolve();
  }

  // --- connecting ---

  private async connect(kind: "start" | "refresh" | "reconnect"): Promise<void> {
    if (this.opening || this.isStopped) return;
    this.opening = true;
    let refreshNext = false;
    try {
      if (kind === "refresh") {
        // Slack asking again and again (91 refreshes in 10 s were seen): wait longer each time a
        // link is asked to go before it was stable; the current link keeps serving meanwhile.
        const lived = this.active?.helloAt === undefined ? 0 : Date.now() - this.active.helloAt;
        this.refreshChurn = lived >= this.o.stableAfterMs ? 0 : this.refreshChurn + 1;
        if (this.refreshChurn > 1) {
          const waitMs = this.backoff(this.refreshChurn - 2);
          this.o.log.warn("socket mode: repeated refresh requests, waiting before the next connection", {
            refreshes: this.refreshChurn,
            waitMs,
          });
          await this.sleep(waitMs);
          if (this.isStopped) return;
        }
      }
      for (let failures = 0; ;) {
        if (kind === "reconnect" || failures > 0) {
          await this.sleep(this.backoff(Math.max(0, this.churn - 1) + failures));
          if (this.isStopped) return;
        }
        try {
          const link = await this.openLink();
          if (this.isStopped) return;
          this.promote(link);
          refreshNext = link.refreshRequested;
          return;
        } catch (err) {
          if (this.isStopped) return;
          if (err instanceof SocketModeError && err.fatal) {
            this.o.log.error(redact(err.message), { code: err.code });
            this.stop(err);
            return;
          }
          failures++;
          this.o.log.warn("socket mode: connect failed, will retry", {
            kind,
            attempt: failures,
            error: errorText(err),
          });
          if (kind === "start" && failures >= this.o.startAttempts) {
            const message = `Socket Mode: could not connect after ${failures} attempts: ${errorText(err)}`;
            this.stop(new SocketModeError("connect_failed", message, true));
            return;
          }
        }
      }
    } finally {
      this.opening = false;
      // A refresh that came with the new link's hello, while it was being opened: honoured now.
      if (refreshNext && !this.isStopped) void this.connect("refresh");
    }
  }

  private backoff(n: number): number {
    const d = Math.min(this.o.backoffCapMs, this.o.backoffBaseMs * 2 ** Math.min(n, 30));
    return Math.round(d / 2 + (this.o.random() * d) / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(() => {
        this.sleepTimer = undefined;
        this.wake = undefined;
        resolve();
      }, ms);
    });
  }

  /** Opens a socket and resolves once it said hello (it may receive envelopes before that). */
  private async openLink(): Promise<Link> {
    const url = await openConnectionUrl({
      apiUrl: this.o.apiUrl,
      appToken: this.o.appToken,
      timeoutMs: this.o.connectTimeoutMs,
      signal: this.abort.signal,
    });
    if (this.isStopped) throw new Error("stopped");
    const link: Link = {
      id: this.nextLinkId++,
      ws: new WebSocket(url, {
        perMessageDeflate: false,
        handshakeTimeout: this.o.connectTimeoutMs,
        maxPayload: this.o.maxFrameBytes,
      }),
      helloAt: undefined,
      retiring: false,
      liveTimer: undefined,
      pingTimer: undefined,
      helloTimer: undefined,
      graceTimer: undefined,
      closed: Promise.resolve(),
      onHello: undefined,
      onFail: undefined,
      refreshRequested: false,
    };
    this.links.add(link);
    const hello = new Promise<void>((resolve, reject) => {
      link.onHello = resolve;
      link.onFail = reject;
    });
    link.closed = new Promise((resolve) => {
      link.ws.on("close", (code) => {
        this.onClose(link, code);
        resolve();
      });
    });
    link.ws.on("error", (err) =>
      this.o.log.warn("socket mode: socket error", { connection: link.id, error: redact(err.message) }),
    );
    link.ws.on("open", () => this.touch(link));
    link.ws.on("ping", () => this.touch(link));
    link.ws.on("pong", () => this.touch(link));
    link.ws.on("message", (data, isBinary) => this.onMessage(link, data, isBinary));
    link.helloTimer = setTimeout(() => {
      link.onFail?.(new SocketModeError("hello_timeout", `no hello within ${this.o.connectTimeoutMs} ms`, false));
      link.ws.terminate();
    }, this.o.connectTimeoutMs);
    if (this.o.clientPingIntervalMs > 0) {
      link.pingTimer = setInterval(() => {
        if (link.ws.readyState === WebSocket.OPEN) link.ws.ping();
      }, this.o.clientPingIntervalMs);
    }
    await hello;
    return link;
  }

  private promote(link: Link): void {
    const previous = this.active;
    this.active = link;
    this.o.log.info("socket mode: connected", { connection: link.id, replaced: previous?.id ?? null });
    if (!this.ready.settled) this.ready.resolve();
    if (previous && previous !== link) void this.retire(previous);
  }

  /** Closes a link politely, then terminates it after closeGraceMs (ws would wait 30 s for a hung peer). */
  private retire(link: Link): Promise<void> {
    link.retiring = true;
    clearTimers(link, false);
    if (link.ws.readyState === WebSocket.CLOSED) return link.closed;
    if (link.ws.readyState === WebSocket.CONNECTING) {
      link.ws.terminate();
    } else if (link.ws.readyState === WebSocket.OPEN) {
      link.ws.close(1000);
    }
    link.graceTimer ??= setTimeout(() => link.ws.terminate(), this.o.closeGraceMs);
    return link.closed;
  }

  private onClose(link: Link, code: number): void {
    clearTimers(link, true);
    this.links.delete(link);
    link.onFail?.(new SocketModeError("closed", `socket closed before hello (code ${code})`, false));
    if (this.isStopped || link !== this.active) return;
    this.active = undefined;
    const lived = link.helloAt === undefined ? 0 : Date.now() - link.helloAt;
    // Backoff resets only after a stable link, so a server that says hello then closes cannot make a tight loop.
    this.churn = lived >= this.o.stableAfterMs ? 0 : this.churn + 1;
    this.o.log.warn("socket mode: connection lost, reconnecting", { connection: link.id, code, livedMs: lived });
    void this.connect("reconnect");
  }

  /** Any frame from Slack proves the link alive. */
  private touch(link: Link): void {
    if (link.retiring || this.isStopped) return;
    clearTimeout(link.liveTimer);
    link.liveTimer = setTimeout(() => {
      this.o.log.warn("socket mode: no sign of life from Slack, reconnecting", {
        connection: link.id,
        timeoutMs: this.o.serverPingTimeoutMs,
      });
      link.ws.terminate();
    }, this.o.serverPingTimeoutMs);
  }

  // --- messages ---

  private onMessage(link: Link, data: RawData, isBinary: boolean): void {
    this.touch(link);
    if (isBinary) return this.o.log.warn("socket mode: ignored a binary frame", { connection: link.id });
    const text = rawToString(data);
    const msg = jsonObject(text);
    if (!msg) {
      return this.o.log.warn("socket mode: ignored a frame that is not a JSON object", {
        connection: link.id,
        bytes: text.length,
      });
    }
    const type = typeof msg.type === "string" ? msg.type : undefined;
    const envelopeId = typeof msg.envelope_id === "string" && msg.envelope_id !== "" ? msg.envelope_id : undefined;
    switch (type) {
      case "hello":
        return this.onHello(link, msg);
      case "disconnect":
        return this.onDisconnect(link, typeof msg.reason === "string" ? msg.reason : "unknown");
      default:
        if (!envelopeId) {
          return this.o.log.warn("socket mode: ignored an envelope without envelope_id", {
            connection: link.id,
            type: type ?? null,
          });
        }
        // Every envelope type goes to the app core, which answers those it has a route for and
        // acks the rest empty, so Slack does not re-send them.
        void this.handleEnvelope(
          link,
          {
            type: type ?? "unknown",
            payload: msg.payload,
            envelopeId,
            retryAttempt: typeof msg.retry_attempt === "number" ? msg.retry_attempt : 0,
          },
          msg.accepts_response_payload !== false,
        );
    }
  }

  private onHello(link: Link, msg: Record<string, unknown>): void {
    if (link.helloAt !== undefined) return;
    link.helloAt = Date.now();
    clearTimeout(link.helloTimer);
    link.helloTimer = undefined;
    const debug = jsonObjectValue(msg.debug_info);
    this.o.log.info("socket mode: hello", {
      connection: link.id,
      numConnections: typeof msg.num_connections === "number" ? msg.num_connections : null,
      host: typeof debug.host === "string" ? debug.host : null,
      approximateConnectionTimeS:
        typeof debug.approximate_connection_time === "number" ? debug.approximate_connection_time : null,
    });
    const onHello = link.onHello;
    link.onHello = link.onFail = undefined;
    onHello?.();
  }

  private onDisconnect(link: Link, reason: string): void {
    this.o.log.info("socket mode: disconnect requested", { connection: link.id, reason });
    if (reason === "link_disabled") {
      const err = new SocketModeError(
        "link_disabled",
        "Socket Mode: Slack disabled the link (link_disabled): Socket Mode was turned off for this app; not reconnecting",
        true,
      );
      this.o.log.error(err.message, { connection: link.id, code: err.code });
      this.stop(err);
      return;
    }
    if (link !== this.active) {
      // One not yet promoted (the request came with its hello): replaced once it is. A retiring one: nothing to do.
      if (!link.retiring) link.refreshRequested = true;
      return;
    }
    // refresh_requested, warning (a refresh follows soon), too_many_websockets and anything else:
    // open the replacement now; the old link keeps serving until the new one said hello.
    void this.connect("refresh");
  }

  private async handleEnvelope(link: Link, envelope: SocketModeEnvelope, acceptsPayload: boolean): Promise<void> {
    let payload: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      payload = await Promise.race([
        Promise.resolve().then(() => this.o.onEnvelope(envelope)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new SocketModeError("ack_timeout", `handler took over ${this.o.ackTimeoutMs} ms`, false)),
            this.o.ackTimeoutMs,
          );
        }),
      ]);
    } catch (err) {
      this.o.log.error("socket mode: envelope handler failed, acking empty", {
        connection: link.id,
        type: envelope.type,
        envelopeId: envelope.envelopeId,
        error: errorText(err),
      });
      payload = undefined;
    } finally {
      clearTimeout(timer);
    }
    this.sendAck(link, envelope.envelopeId, acceptsPayload ? payload : undefined);
  }

  /** Acks on the link that delivered the envelope, or on the current one if that link is gone. */
  private sendAck(link: Link, envelopeId: string, payload: unknown): void {
    const target = link.ws.readyState === WebSocket.OPEN ? link : this.active;
    if (!target || target.ws.readyState !== WebSocket.OPEN) {
      this.o.log.warn("socket mode: no open socket to ack on; Slack will retry", { envelopeId });
      return;
    }
    let frame = JSON.stringify({ envelope_id: envelopeId });
    if (payload !== undefined) {
      try {
        frame = JSON.stringify({ envelope_id: envelopeId, payload });
      } catch (err) {
        this.o.log.error("socket mode: ack payload is not JSON, acking empty", { envelopeId, error: errorText(err) });
      }
    }
    target.ws.send(frame, (err) => {
      if (err) this.o.log.warn("socket mode: ack not sent", { envelopeId, error: redact(err.message) });
    });
  }

  // --- stopping ---

  private stop(error: Error | undefined): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.active = undefined;
    clearTimeout(this.sleepTimer);
    this.sleepTimer = undefined;
    this.wake?.();
    this.abort.abort();
    this.closing = Promise.all([...this.links].map((l) => this.retire(l))).then(() => undefined);
    if (!this.ready.settled) {
      this.ready.reject(error ?? new SocketModeError("closed", "Socket Mode: closed before connecting", true));
    }
    this.stoppedDeferred.resolve(error);
  }
}

function clearTimers(link: Link, all: boolean): void {
  clearTimeout(link.liveTimer);
  clearInterval(link.pingTimer);
  clearTimeout(link.helloTimer);
  link.liveTimer = link.pingTimer = link.helloTimer = undefined;
  if (all) {
    clearTimeout(link.graceTimer);
    link.graceTimer = undefined;
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function jsonObjectValue(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
  readonly settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let settled = false;
  let res!: (v: T) => void;
  let rej!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    res = a;
    rej = b;
  });
  return {
    promise,
    resolve: (v) => {
      settled = true;
      res(v);
    },
    reject: (e) => {
      settled = true;
      rej(e);
    },
    get settled() {
      return settled;
    },
  };
}
