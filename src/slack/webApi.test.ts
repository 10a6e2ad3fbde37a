import { describe, expect, it } from "vitest";
import type { HttpClient, HttpResponse } from "../net/httpRequest.js";
import { createPostMessage } from "./webApi.js";

const TOKEN = "xoxb-1-secret-token";

function answering(...answers: HttpResponse[]) {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const http: HttpClient = async (url, options = {}) => {
    calls.push({ url: url.href, headers: options.headers ?? {}, body: options.body ?? "" });
    return answers.shift()!;
  };
  return { http, calls };
}
const json = (value: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: Buffer.from(JSON.stringify(value)),
});

describe("chat.postMessage as the app", () => {
  it("posts JSON with the bot token to SLACK_API_URL's chat.postMessage, without response_url fields", async () => {
    const { http, calls } = answering(json({ ok: true }));
    const post = createPostMessage({ apiUrl: "https://slack.example/api", token: TOKEN, http });
    expect(await post("C1", { response_type: "in_channel", text: "hi" })).toEqual({ ok: true });
    expect(calls[0]!.url).toBe("https://slack.example/api/chat.postMessage");
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(calls[0]!.body)).toEqual({ channel: "C1", text: "hi", unfurl_links: false, unfurl_media: false });
  });

  it("waits out a 429's Retry-After, within a bound", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const limited = json({ ok: false, error: "ratelimited" }, 429, { "retry-after": "2" });
    const { http } = answering(limited, json({ ok: true }));
    expect(
      await createPostMessage({ apiUrl: "https://s/api/", token: TOKEN, http, sleep })("C1", { text: "x" }),
    ).toEqual({
      ok: true,
    });
    expect(waits).toEqual([2000]);

    const tooLong = json({}, 429, { "retry-after": "600" });
    const { http: slow } = answering(tooLong);
    const result = await createPostMessage({ apiUrl: "https://s/api/", token: TOKEN, http: slow, sleep })("C1", {
      text: "x",
    });
    // The wait Slack asked for goes back to the caller, which may pace that channel (subscriptions/pacedPosts.ts).
    expect(result).toEqual({ ok: false, kind: "failed", error: "ratelimited", retryAfterMs: 600_000 });
    expect(waits).toEqual([2000]);
  });

  it.each([
    ["not_in_channel", "gone"],
    ["channel_not_found", "gone"],
    ["is_archived", "gone"],
    ["account_inactive", "gone"],
    ["invalid_auth", "auth"],
    ["token_revoked", "auth"],
    ["msg_too_long", "failed"],
  ])("classifies Slack's %s as %s", async (error, kind) => {
    const { http } = answering(json({ ok: false, error }));
    const result = await createPostMessage({ apiUrl: "https://s/api/", token: TOKEN, http })("C1", { text: "x" });
    expect(result).toEqual({ ok: false, kind, error });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});
