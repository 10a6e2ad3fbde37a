import { describe, expect, it } from "vitest";
import { MAX_CLOCK_SKEW_SECONDS, signSlackRequest, verifySlackSignature } from "./verifySignature.js";

// Slack's published worked example (https://api.slack.com/authentication/verifying-requests-from-slack).
// Note the token: "xyzz0WbapA4vBCDEFasx0q6G" is the published one; a copy with a different token
// (seen in our own brief) does not produce the published signature.
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TIMESTAMP = "1531420618";
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const NOW_MS = Number(TIMESTAMP) * 1000 + 2_000;

function verify(overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) {
  return verifySlackSignature({
    signingSecret: SECRET,
    rawBody: BODY,
    timestamp: TIMESTAMP,
    signature: SIGNATURE,
    nowMs: NOW_MS,
    ...overrides,
  });
}

describe("signSlackRequest", () => {
  it("reproduces Slack's published example", () => {
    expect(signSlackRequest(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
    expect(signSlackRequest(SECRET, Number(TIMESTAMP), Buffer.from(BODY))).toBe(SIGNATURE);
  });
});

describe("verifySlackSignature", () => {
  it("accepts Slack's published example", () => {
    expect(verify()).toEqual({ ok: true });
  });

  it("accepts the body as a Buffer or a Uint8Array as well as a string", () => {
    expect(verify({ rawBody: Buffer.from(BODY, "utf8") })).toEqual({ ok: true });
    expect(verify({ rawBody: new Uint8Array(Buffer.from(BODY, "utf8")) })).toEqual({ ok: true });
  });

  it("signs non-ASCII bodies as UTF-8 bytes either way", () => {
    const body = "text=caf%C3%A9&note=ünïcode 🌮";
    const signature = signSlackRequest(SECRET, TIMESTAMP, body);
    expect(verify({ rawBody: body, signature })).toEqual({ ok: true });
    expect(verify({ rawBody: Buffer.from(body, "utf8"), signature })).toEqual({ ok: true });
  });

  it("rejects a wrong secret", () => {
    expect(verify({ signingSecret: "not-the-secret" })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("rejects an altered body", () => {
    expect(verify({ rawBody: BODY.replace("text=", "text=farragut") })).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
    expect(verify({ rawBody: BODY + "&" })).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verify({ rawBody: BODY.replace("xyzz0WbapA4vBCDEFasx0q6G", "xyzz0WbapA4vBCDEidAWABRN") })).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
  });

  it("rejects an empty signing secret rather than verifying against it", () => {
    const signature = signSlackRequest("", TIMESTAMP, BODY);
    expect(verify({ signingSecret: "", signature })).toEqual({ ok: false, reason: "signing secret not configured" });
  });

  describe("clock window", () => {
    const at = (offsetSeconds: number) => {
      const timestamp = String(Number(TIMESTAMP) + offsetSeconds);
      return verify({
        timestamp,
        signature: signSlackRequest(SECRET, timestamp, BODY),
        nowMs: Number(TIMESTAMP) * 1000,
      });
    };

    it("is 5 minutes", () => expect(MAX_CLOCK_SKEW_SECONDS).toBe(300));

    it("accepts exactly ±300 s", () => {
      expect(at(-300)).toEqual({ ok: true });
      expect(at(300)).toEqual({ ok: true });
    });

    it("rejects a stale timestamp (−301 s) even with a valid signature", () => {
      expect(at(-301)).toEqual({ ok: false, reason: "stale or future timestamp" });
    });

    it("rejects a future timestamp (+301 s) even with a valid signature", () => {
      expect(at(301)).toEqual({ ok: false, reason: "stale or future timestamp" });
    });

    it("rejects the published example long after it was made", () => {
      expect(verify({ nowMs: Date.UTC(2025, 0, 1) })).toEqual({ ok: false, reason: "stale or future timestamp" });
    });
  });

  describe("headers", () => {
    it("reports a missing timestamp", () => {
      expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: "missing X-Slack-Request-Timestamp" });
      expect(verify({ timestamp: "" })).toEqual({ ok: false, reason: "missing X-Slack-Request-Timestamp" });
    });

    it.each(["abc", "1531420618.5", "-1531420618", " 1531420618", "1e9", "1531420618x", "99999999999999999999"])(
      "reports a malformed timestamp %j",
      (timestamp) => {
        expect(verify({ timestamp })).toEqual({ ok: false, reason: "malformed timestamp" });
      },
    );

    it("reports a missing signature", () => {
      expect(verify({ signature: undefined })).toEqual({ ok: false, reason: "missing X-Slack-Signature" });
      expect(verify({ signature: "" })).toEqual({ ok: false, reason: "missing X-Slack-Signature" });
    });

    it("reports a signature without the v0= scheme as malformed", () => {
      expect(verify({ signature: SIGNATURE.slice(3) })).toEqual({ ok: false, reason: "malformed signature" });
      expect(verify({ signature: SIGNATURE.replace("v0=", "v1=") })).toEqual({
        ok: false,
        reason: "malformed signature",
      });
    });

    it.each([
      ["too short", SIGNATURE.slice(0, -2)],
      ["too long", SIGNATURE + "00"],
      // Buffer.from(hex) stops at the first non-hex character: the digest must be checked whole.
      ["the right digest followed by junk", SIGNATURE + "zz"],
      ["the right digest followed by a newline", SIGNATURE + "\n"],
      ["the right digest after junk", "v0=zz" + SIGNATURE.slice(3)],
      ["not hex", SIGNATURE.slice(0, -1) + "z"],
      ["empty digest", "v0="],
      ["one bit off", SIGNATURE.slice(0, -1) + "2"],
    ])("treats a signature that is %s as a mismatch", (_, signature) => {
      expect(verify({ signature })).toEqual({ ok: false, reason: "signature mismatch" });
    });

    it("accepts an upper-case hex digest (same bytes)", () => {
      expect(verify({ signature: "v0=" + SIGNATURE.slice(3).toUpperCase() })).toEqual({ ok: true });
    });
  });

  it("never puts the secret or the signature in a reason", () => {
    const cases = [
      verify({ signingSecret: "wrong" }),
      verify({ signature: SIGNATURE.slice(0, -1) + "0" }),
      verify({ signature: "x" + SIGNATURE }),
      verify({ timestamp: "soon" }),
      verify({ nowMs: 0 }),
    ];
    for (const result of cases) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).not.toContain(SECRET);
        expect(result.reason).not.toContain(SIGNATURE.slice(3, 20));
      }
    }
  });
});
