// apps.connections.open: trades the app-level token for a single-use wss URL. On node:http(s)
// rather than fetch (fetch loads undici lazily, which costs start-up time and memory) and with no
// keep-alive agent, so nothing pooled outlives the call: it runs once per connection.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { redact } from "./redact.js";
import { SocketModeError } from "./socketModeError.js";

// Errors that retrying cannot fix.
const FATAL_OPEN_ERRORS = new Set([
  "not_authed",
  "invalid_auth",
  "not_allowed_token_type",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "user_removed_from_team",
  "team_disabled",
  "missing_scope",
  "no_permission",
  "access_denied",
  "forbidden_team",
  "invalid_token",
]);

const TOKEN_HINT: Record<string, string> = {
  not_authed: "SLACK_APP_TOKEN is missing",
  invalid_auth: "SLACK_APP_TOKEN is not a valid app-level token for this app",
  not_allowed_token_type: "SLACK_APP_TOKEN must be an app-level token (xapp-…), not a bot (xoxb-) or user token",
  missing_scope: "SLACK_APP_TOKEN needs the connections:write scope",
  token_revoked: "SLACK_APP_TOKEN was revoked",
  token_expired: "SLACK_APP_TOKEN has expired",
};

const MAX_ANSWER_BYTES = 64 * 1024;

export interface OpenConnectionOptions {
  apiUrl: string;
  appToken: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** The wss URL to connect to; a SocketModeError (fatal for token problems) otherwise. */
export async function openConnectionUrl(options: OpenConnectionOptions): Promise<string> {
  let res: { status: number; body: string };
  try {
    res = await postEmpty(new URL("apps.connections.open", options.apiUrl), options);
  } catch (err) {
    throw new SocketModeError("request_failed", `apps.connections.open request failed: ${errorText(err)}`, false);
  }
  let body: { ok?: unknown; url?: unknown; error?: unknown } | undefined;
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    body = undefined;
  }
  if (body?.ok === true && typeof body.url === "string" && /^wss?:\/\//.test(body.url)) return body.url;
  const code = typeof body?.error === "string" ? body.error : `http_${res.status}`;
  if (FATAL_OPEN_ERRORS.has(code)) {
    const hint = TOKEN_HINT[code] ?? "check SLACK_APP_TOKEN and that Socket Mode is enabled for the app";
    throw new SocketModeError(code, `Socket Mode: apps.connections.open failed with ${code}: ${hint}`, true);
  }
  throw new SocketModeError(code, `apps.connections.open failed: ${code}`, false);
}

function postEmpty(url: URL, options: OpenConnectionOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "http:" ? httpRequest : httpsRequest)(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          authorization: `Bearer ${options.appToken}`,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": "0",
        },
        timeout: options.timeoutMs,
        signal: options.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (c: Buffer) => {
          received += c.length;
          // The answer is a few hundred bytes; a server sending far more is not Slack.
          if (received > MAX_ANSWER_BYTES) req.destroy(new Error(`answer over ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** An error's message (and its cause's), with secrets removed. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return redact(err.message + cause);
  }
  return redact(String(err));
}
