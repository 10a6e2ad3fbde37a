// Calling Slack's Web API as the app with the bot token: any method (views.* for the Home and
// modals, in views.ts), and chat.postMessage. A user id as the channel posts in the app's direct
// message with that user (chat:write is enough; no conversations.open). Slack answers HTTP 200 with {"ok": false, "error": …} for most failures:
// each is classified so the caller knows whether to stop a subscription, raise an alarm, or retry
// another day. 429s are retried after their Retry-After, within a bound. The token never appears
// in a result, a log or an error.
import { httpRequest, type HttpClient } from "../net/httpRequest.js";
import type { SlackMessage } from "./blockKit.js";

/**
 * - `gone`: the destination is no more (or the app is not in a private channel): stop posting there.
 * - `auth`: the token is revoked or wrong: every post will fail until an admin acts.
 * - `failed`: anything else (rate limits past our bound, Slack down, a message Slack refused).
 */
export type PostFailureKind = "gone" | "auth" | "failed";

export type PostResult =
  | { ok: true }
  /** `retryAfterMs`: Slack rate-limited the last try and asked for this wait (the caller may pace and retry). */
  | { ok: false; kind: PostFailureKind; error: string; retryAfterMs?: number };

export type PostMessage = (channel: string, message: SlackMessage) => Promise<PostResult>;

const GONE = new Set(["not_in_channel", "channel_not_found", "is_archived", "account_inactive", "user_not_found"]);
const AUTH = new Set(["invalid_auth", "token_revoked", "not_authed", "token_expired", "account_inactive_team"]);

export interface WebApiOptions {
  /** SLACK_API_URL, e.g. https://slack.com/api/ */
  apiUrl: string;
  /** SLACK_BOT_TOKEN (xoxb-…), or how to get it (read from SSM on AWS on first use). */
  token: string | (() => Promise<string>);
  http?: HttpClient;
  /** Tries per post, first included, when Slack rate-limits. */
  attempts?: number;
  /** Longest Retry-After we wait; beyond it the post fails and the caller tries another day. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** One Web API method's answer: Slack's JSON when `ok`, else the failure classified. */
export type WebApiResult =
  | { ok: true; answer: Record<string, unknown> }
  | { ok: false; kind: PostFailureKind; error: string; retryAfterMs?: number };

/** Calls one Web API method with a JSON body as the app (views.publish, views.open, chat.postMessage…). */
export type CallWebApi = (method: string, body: Record<string, unknown>) => Promise<WebApiResult>;

export function createWebApi(options: WebApiOptions): CallWebApi {
  const {
    apiUrl,
    token,
    http = httpRequest,
    attempts = 3,
    maxRetryAfterMs = 30_000,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } = options;
  const base = apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
  return async (method, payload) => {
    const url = new URL(method, base);
    const body = JSON.stringify(payload);
    const bearer = typeof token === "string" ? token : await token();
    let error = "not sent";
    let retryAfterMs: number | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let response;
      try {
        response = await http(url, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${bearer}` },
          body,
          timeoutMs: 10_000,
          maxBodyBytes: 256 * 1024,
        });
      } catch (failure) {
        // Messages from httpRequest name the host only.
        return { ok: false, kind: "failed", error: (failure as Error).message };
      }
      if (response.status === 429) {
        const waitMs = Number(response.headers["retry-after"] ?? "1") * 1000;
        error = "ratelimited";
        if (waitMs >= 0) retryAfterMs = waitMs;
        if (attempt === attempts || !(waitMs >= 0) || waitMs > maxRetryAfterMs) break;
        await sleep(waitMs);
        continue;
      }
      if (response.status !== 200) return { ok: false, kind: "failed", error: `HTTP ${response.status}` };
      let answer: unknown;
      try {
        answer = JSON.parse(response.body.toString("utf8"));
      } catch {
        return { ok: false, kind: "failed", error: "answer is not JSON" };
      }
      if (answer === null || typeof answer !== "object")
        return { ok: false, kind: "failed", error: "answer is not an object" };
      const fields = answer as Record<string, unknown>;
      if (fields.ok === true) return { ok: true, answer: fields };
      // Slack's error codes are short snake_case words; anything else is cut, not echoed.
      const code = typeof fields.error === "string" ? fields.error.slice(0, 64).replace(/[^a-z_]/g, "") : "unknown";
      return { ok: false, kind: GONE.has(code) ? "gone" : AUTH.has(code) ? "auth" : "failed", error: code };
    }
    return { ok: false, kind: "failed", error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  };
}

export function createPostMessage(options: WebApiOptions): PostMessage {
  const call = createWebApi(options);
  return async (channel, message) => {
    // response_type and replace/delete flags belong to response_urls; chat.postMessage wants a channel.
    const { response_type: _type, replace_original: _replace, delete_original: _delete, ...rest } = message;
    const result = await call("chat.postMessage", { ...rest, channel, unfurl_links: false, unfurl_media: false });
    return result.ok ? { ok: true } : result;
  };
}
