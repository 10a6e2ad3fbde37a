// A loopback stand-in for Slack's Web API (SLACK_API_URL): chat.postMessage answers {"ok": true}
// as Slack does, or the error a test sets for a channel, and every post is recorded. views.publish,
// views.open and views.update answer with a view id and a new hash, or the errors a test queues.
import { startLoopbackServer, type LoopbackServer } from "./loopbackServer.js";

export interface PostedMessage {
  channel: string;
  text: string;
  blocks: string;
  authorization: string | undefined;
}

export interface SlackWebApiStub extends LoopbackServer {
  /** SLACK_API_URL for this stand-in. */
  apiUrl: string;
  posts(): PostedMessage[];
  /** Makes chat.postMessage to `channel` answer {"ok": false, "error": error}. */
  refuse: Map<string, string>;
  /** Errors the next calls of a views method answer, in order ("hash_conflict", "expired_trigger_id"…). */
  viewErrors: Map<string, string[]>;
  /** The JSON bodies a method was called with, in order. */
  calls(method: string): Record<string, unknown>[];
}

export const TEST_BOT_TOKEN = "xoxb-0000-test-bot-token";

export async function startSlackWebApiStub(): Promise<SlackWebApiStub> {
  const refuse = new Map<string, string>();
  const viewErrors = new Map<string, string[]>();
  let views = 0;
  const server = await startLoopbackServer((req, res) => {
    const method = req.url?.replace(/^\/api\//, "") ?? "";
    if (req.method === "POST" && ["views.publish", "views.open", "views.update"].includes(method)) {
      const ok = req.headers.authorization === `Bearer ${TEST_BOT_TOKEN}`;
      const error = ok ? viewErrors.get(method)?.shift() : "invalid_auth";
      views += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(error ? { ok: false, error } : { ok: true, view: { id: `V${views}`, hash: `hash-${views}` } }),
      );
      return;
    }
    if (req.method !== "POST" || req.url !== "/api/chat.postMessage") {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(req.body) as { channel: string };
    const ok = req.headers.authorization === `Bearer ${TEST_BOT_TOKEN}`;
    const error = ok ? refuse.get(body.channel) : "invalid_auth";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(error ? { ok: false, error } : { ok: true, channel: body.channel, ts: "1.2" }));
  });
  return {
    ...server,
    apiUrl: `${server.url}/api/`,
    refuse,
    viewErrors,
    calls: (method) =>
      server.requests
        .filter((request) => request.url === `/api/${method}`)
        .map((request) => JSON.parse(request.body) as Record<string, unknown>),
    posts: () =>
      server.requests
        .filter((request) => request.url === "/api/chat.postMessage")
        .map((request) => {
          const body = JSON.parse(request.body) as { channel: string; text: string; blocks?: unknown };
          return {
            channel: body.channel,
            text: body.text,
            blocks: JSON.stringify(body.blocks ?? []),
            authorization: request.headers.authorization,
          };
        }),
  };
}
