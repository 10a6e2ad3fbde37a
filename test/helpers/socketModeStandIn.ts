// A loopback stand-in for Slack's Socket Mode, for tests:
// - POST /api/apps.connections.open with `Authorization: Bearer <appToken>` answers
//   {ok:true,url:"ws://…/link/?ticket=…"}; a missing token not_authed, a wrong one invalid_auth;
//   `openError` forces another error.
// - The WebSocket server accepts only tickets it issued, each once (a client that reuses a URL
//   fails), sends hello (unless told not to), and lets a test send envelopes, disconnect messages
//   and raw frames, await acks by envelope_id, drop or freeze a socket, and count connections.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";
export type DisconnectReason = "refresh_requested" | "link_disabled" | "warning" | "too_many_websockets";

export interface Ack {
  envelope_id: string;
  payload?: unknown;
  /** Which connection the ack came in on. */
  connectionId: number;
}

export interface StandInOptions {
  appToken: string;
  /** Send hello as soon as a socket connects (default true). */
  helloOnConnect?: boolean;
  /** Delay hello by N ms after the socket opens (default 0), like Slack's own latency. */
  helloDelayMs?: number;
  /** Ping every client every N ms (default 0 = never, like a test that wants to control pings). */
  pingIntervalMs?: number;
  /** Other Web API methods (views.publish…) are passed on to this base URL (a slackWebApiStub's apiUrl). */
  webApiUrl?: string;
}

export class StandInConnection {
  readonly messages: unknown[] = [];
  closed = false;
  closeCode: number | undefined;
  readonly openedAt = Date.now();
  closedAt: number | undefined;
  readonly whenClosed: Promise<void>;
  pongs = 0;
  private readonly pingTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    private readonly standIn: SocketModeStandIn,
    pingIntervalMs: number,
  ) {
    this.whenClosed = new Promise((resolve) => {
      ws.on("close", (code) => {
        this.closed = true;
        this.closeCode = code;
        this.closedAt = Date.now();
        if (this.pingTimer) clearInterval(this.pingTimer);
        resolve();
      });
    });
    ws.on("pong", () => this.pongs++);
    ws.on("error", () => {}); // a terminated peer is not an error of the stand-in
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      // binaryType is ws's default, "nodebuffer": a text frame arrives as one Buffer.
      const text = (data as Buffer).toString("utf8");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        this.messages.push(text);
        return;
      }
      this.messages.push(parsed);
      if (
        parsed !== null &&
        typeof parsed === "object" &&
        typeof (parsed as { envelope_id?: unknown }).envelope_id === "string"
      ) {
        const ack = { ...(parsed as { envelope_id: string; payload?: unknown }), connectionId: this.id };
        this.standIn.recordAck(ack);
      }
    });
    this.pingTimer = pingIntervalMs > 0 ? setInterval(() => this.ping(), pingIntervalMs) : undefined;
  }

  get open(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  sendRaw(frame: string): void {
    this.ws.send(frame);
  }

  hello(): void {
    this.sendRaw(
      JSON.stringify({
        type: "hello",
        num_connections: this.standIn.openConnections().length,
        debug_info: { host: "applink-standin", build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: "A0STANDIN" },
      }),
    );
  }

  /** Sends an envelope; returns its envelope_id. */
  sendEnvelope(
    type: EnvelopeType,
    payload: unknown,
    opts: { envelopeId?: string; acceptsResponsePayload?: boolean } = {},
  ): string {
    const envelopeId = opts.envelopeId ?? randomUUID();
    this.sendRaw(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: opts.acceptsResponsePayload ?? type !== "events_api",
        retry_attempt: 0,
        retry_reason: "",
      }),
    );
    return envelopeId;
  }

  disconnect(reason: DisconnectReason): void {
    this.sendRaw(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-standin" } }));
  }

  ping(): void {
    if (this.open) this.ws.ping("standin");
  }

  /** Closes the socket abruptly (no close frame), like a lost TCP connection. */
  drop(): void {
    this.ws.terminate();
  }

  /** Stops reading from the socket: no pongs, no close handshake, like a hung server or a black-holed link. */
  freeze(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    (this.ws as unknown as { _socket: import("node:net").Socket })._socket.pause();
  }

  close(code = 1000): void {
    this.ws.close(code);
  }
}

export class SocketModeStandIn {
  readonly connections: StandInConnection[] = [];
  openCalls = 0;
  /** Forces apps.connections.open to answer {ok:false,error:openError}. */
  openError: string | undefined;
  helloOnConnect: boolean;
  private readonly tickets = new Set<string>();
  private readonly acks = new Map<string, Ack>();
  private readonly ackWaiters = new Map<string, (ack: Ack) => void>();
  private readonly connectionWaiters: Array<{ n: number; resolve: (c: StandInConnection) => void }> = [];
  private constructor(
    private readonly options: StandInOptions,
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {
    this.helloOnConnect = options.helloOnConnect ?? true;
  }

  static async start(options: StandInOptions): Promise<SocketModeStandIn> {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = (http.address() as AddressInfo).port;
    const standIn = new SocketModeStandIn(options, http, wss, port);
    http.on("request", (req, res) => standIn.onRequest(req, res));
    http.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
      const ticket = url.searchParams.get("ticket") ?? "";
      if (url.pathname !== "/link/" || !standIn.tickets.delete(ticket)) {
        socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => standIn.onConnection(ws));
    });
    return standIn;
  }

  /** Base URL for the client's apiUrl option (ends with /). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  openConnections(): StandInConnection[] {
    return this.connections.filter((c) => c.open);
  }

  /** Resolves with the n-th (1-based) WebSocket connection once it exists. */
  connection(n: number, timeoutMs = 5000): Promise<StandInConnection> {
    const existing = this.connections[n - 1];
    if (existing) return Promise.resolve(existing);
    return withTimeout(
      new Promise((resolve) => this.connectionWaiters.push({ n, resolve })),
      timeoutMs,
      `connection #${n} not opened within ${timeoutMs} ms (have ${this.connections.length})`,
    );
  }

  /** Resolves with the ack for envelopeId (already received or future). */
  ack(envelopeId: string, timeoutMs = 3000): Promise<Ack> {
    const existing = this.acks.get(envelopeId);
    if (existing) return Promise.resolve(existing);
    return withTimeout(
      new Promise((resolve) => this.ackWaiters.set(envelopeId, resolve)),
      timeoutMs,
      `no ack for envelope ${envelopeId} within ${timeoutMs} ms`,
    );
  }

  hasAck(envelopeId: string): boolean {
    return this.acks.has(envelopeId);
  }

  recordAck(ack: Ack): void {
    this.acks.set(ack.envelope_id, ack);
    const waiter = this.ackWaiters.get(ack.envelope_id);
    if (waiter) {
      this.ackWaiters.delete(ack.envelope_id);
      waiter(ack);
    }
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    const conn = new StandInConnection(this.connections.length + 1, ws, this, this.options.pingIntervalMs ?? 0);
    this.connections.push(conn);
    if (this.helloOnConnect) {
      const delay = this.options.helloDelayMs ?? 0;
      if (delay > 0) setTimeout(() => conn.open && conn.hello(), delay);
      else conn.hello();
    }
    for (const w of [...this.connectionWaiters]) {
      if (w.n === conn.id) {
        this.connectionWaiters.splice(this.connectionWaiters.indexOf(w), 1);
        w.resolve(conn);
      }
    }
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { webApiUrl } = this.options;
      if (
        webApiUrl &&
        req.method === "POST" &&
        req.url?.startsWith("/api/") &&
        req.url !== "/api/apps.connections.open"
      ) {
        void forward(new URL(req.url.slice("/api/".length), webApiUrl), req, Buffer.concat(chunks), res);
        return;
      }
      if (req.method !== "POST" || req.url !== "/api/apps.connections.open")
        return reply(404, { ok: false, error: "unknown_method" });
      this.openCalls++;
      const auth = req.headers.authorization;
      if (auth === undefined) return reply(200, { ok: false, error: "not_authed" });
      if (auth !== `Bearer ${this.options.appToken}`) return reply(200, { ok: false, error: "invalid_auth" });
      if (this.openError !== undefined) return reply(200, { ok: false, error: this.openError });
      const ticket = randomUUID();
      this.tickets.add(ticket);
      reply(200, { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=A0STANDIN` });
    });
  }
}

/** Passes one Web API call on, headers (the bot token) included, and its answer back. */
async function forward(url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of ["authorization", "content-type"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  try {
    const answer = await fetch(url, { method: "POST", headers, body });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    res.end(await answer.text());
  } catch {
    res.writeHead(502).end();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
