// Generated hostile and broken requests against the real local server: never a 5xx, never a
// crash, never a hand-off without a valid signature. And validly signed oddities get a helpful answer.
import fc from "fast-check";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import type { Job } from "../../src/app/jobs.js";
import type { LocalServer } from "../../src/runtimes/local/server.js";
import { createTestServer, recordJobs } from "../helpers/localApp.js";
import { commandBody, signatureFor, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";

let local: LocalServer;
let port: number;
const handedOff: Job[] = [];

beforeAll(async () => {
  local = createTestServer({}, { log: silentLogger, wrapRunJob: recordJobs(handedOff) });
  port = (await local.listen(0)).port;
});
afterAll(() => local.close());

// A connection per request: a refused request may close its connection, as servers do.

/** Raw node:http so we can send any method, header and byte sequence. */
function send(
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  path = "/slack/commands",
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.on("error", reject);
    request.end(method === "GET" || method === "HEAD" ? undefined : body);
  });
}

const now = () => Math.floor(Date.now() / 1000);
const formLike = fc
  .dictionary(
    fc.constantFrom("command", "text", "response_url", "user_id", "team_id", "channel_id", "x", "%zz", "a=b"),
    fc.string({ maxLength: 40 }),
  )
  .map((fields) => new URLSearchParams(fields).toString());
const bodyArb = fc.oneof(
  formLike,
  fc.string({ maxLength: 300 }),
  fc.constant("text=%E0%A4%A&command=%2Ffoodtrucks"),
  fc.constant(commandBody("farragut", "https://hooks.slack.com/commands/T/1/x")),
  fc.constant("a".repeat(40 * 1024)),
);
const headerStyle = fc.constantFrom(
  "missing",
  "garbage",
  "wrong-secret",
  "stale",
  "future",
  "non-numeric-ts",
  "no-prefix",
  "truncated",
);

function badSignatureHeaders(style: string, body: string): Record<string, string> {
  const ts = now();
  switch (style) {
    case "missing":
      return {};
    case "garbage":
      return { "x-slack-request-timestamp": String(ts), "x-slack-signature": "v0=zz" };
    case "wrong-secret":
      return { "x-slack-request-timestamp": String(ts), "x-slack-signature": signatureFor("nope", ts, body) };
    case "stale":
      return {
        "x-slack-request-timestamp": String(ts - 301),
        "x-slack-signature": signatureFor(TEST_SECRET, ts - 301, body),
      };
    case "future":
      return {
        "x-slack-request-timestamp": String(ts + 301),
        "x-slack-signature": signatureFor(TEST_SECRET, ts + 301, body),
      };
    case "non-numeric-ts":
      return { "x-slack-request-timestamp": "12ab", "x-slack-signature": signatureFor(TEST_SECRET, "12ab", body) };
    case "no-prefix":
      return {
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": signatureFor(TEST_SECRET, ts, body).slice(3),
      };
    default:
      return {
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": signatureFor(TEST_SECRET, ts, body).slice(0, 20),
      };
  }
}

describe("bad requests to the local server", () => {
  it("get a 4xx and no hand-off (1,000 generated cases)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH"),
        fc.constantFrom(
          "application/x-www-form-urlencoded",
          "application/json",
          "text/plain",
          "",
          "multipart/form-data; boundary=x",
        ),
        bodyArb,
        headerStyle,
        async (method, contentType, body, style) => {
          const before = handedOff.length;
          const headers = {
            ...badSignatureHeaders(style, body),
            ...(contentType ? { "content-type": contentType } : {}),
          };
          const response = await send(method, headers, Buffer.from(body));
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          await local.idle();
          expect(handedOff.length).toBe(before);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("validly signed but broken forms get a 400 with the reason, and no hand-off", async () => {
    const cases: [string, RegExp][] = [
      ["command=%2Ffoodtrucks&text=%zz", /malformed/],
      [commandBody("x", "https://hooks.slack.com/c").replace(/response_url=[^&]*/, "response_url="), /response_url/],
      ["text=farragut&response_url=https%3A%2F%2Fhooks.slack.com%2Fc&user_id=U&team_id=T", /command/],
    ];
    for (const [body, reason] of cases) {
      const response = await send("POST", signedHeaders(body), Buffer.from(body));
      expect(response.status).toBe(400);
      expect(response.text).toMatch(reason);
    }
    await local.idle();
    expect(handedOff).toHaveLength(0);
  });

  it("odd request targets get a 404, not a 500", async () => {
    for (const path of ["//[::1/x", "http://[", "/slack/commands/../commands", "*"]) {
      expect((await send("POST", {}, Buffer.from(""), path)).status).toBe(404);
    }
  });

  it("a body over 32 KiB is refused with 413", async () => {
    const body = commandBody("x".repeat(40 * 1024), "https://hooks.slack.com/c");
    const response = await send("POST", signedHeaders(body), Buffer.from(body));
    expect(response.status).toBe(413);
  });

  it("odd but validly signed commands are answered helpfully, never with a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 2_000 }),
          fc.constant("🌮🌮🌮"),
          fc.constant("\u202Eעברית\u0000\u0007"),
          fc.constant("x".repeat(2_000)),
          fc.constant("   "),
        ),
        async (text) => {
          const body = commandBody(text, "https://hooks.slack.com/commands/T/1/x");
          const response = await send("POST", signedHeaders(body), Buffer.from(body));
          expect(response.status).toBe(200);
          const message = JSON.parse(response.text) as { text: string; response_type: string };
          expect(message.response_type).toBe("ephemeral");
          expect(message.text.length).toBeGreaterThan(0);
          expect(message.text.length).toBeLessThanOrEqual(3_000);
        },
      ),
      { numRuns: 200 },
    );
    await local.idle();
  });
});
