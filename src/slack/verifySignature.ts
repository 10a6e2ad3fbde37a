// Slack request signing (https://api.slack.com/authentication/verifying-requests-from-slack).
// Framework-free on purpose: the same check runs behind the local HTTP server and on Lambda,
// where the raw body arrives in different shapes, and a pure function over (secret, body,
// headers, clock) is trivial to test against Slack's published example.
import { createHmac, timingSafeEqual } from "node:crypto";

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Slack's recommended replay window: a request more than 5 minutes old (or ahead) is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const SIGNATURE_VERSION = "v0";
const SIGNATURE_PREFIX = `${SIGNATURE_VERSION}=`;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** The `X-Slack-Signature` value Slack would send for this body: `v0=<hex HMAC-SHA256>`. */
export function signSlackRequest(
  signingSecret: string,
  timestamp: string | number,
  rawBody: Uint8Array | string,
): string {
  return SIGNATURE_PREFIX + hmacHex(signingSecret, String(timestamp), rawBody);
}

export function verifySlackSignature(input: {
  signingSecret: string;
  rawBody: Uint8Array | string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): VerifyResult {
  const { signingSecret, rawBody } = input;
  // An empty key would let anyone compute a valid signature; refuse rather than "verify".
  if (signingSecret.length === 0) return fail("signing secret not configured");
  const headers = checkSignatureHeaders(input);
  if (!headers.ok) return headers;

  const { timestamp, signatureHex } = headers;
  const given = Buffer.from(signatureHex, "hex");
  const expected = Buffer.from(hmacHex(signingSecret, timestamp, rawBody), "hex");
  // Stryker disable next-line ConditionalExpression: HEX_SHA256 already makes every digest 32 bytes; the length check only keeps timingSafeEqual from throwing
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail("signature mismatch");
  return { ok: true };
}

/**
 * What can be checked without the secret: both headers present and well-formed, the timestamp
 * inside the window. A request failing this cannot be Slack's, so a caller whose secret is costly
 * to fetch (an SSM read on Lambda) checks this first and never fetches it for such a request.
 */
export function checkSignatureHeaders(input: {
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): { ok: true; timestamp: string; signatureHex: string } | { ok: false; reason: string } {
  const { timestamp, signature, nowMs } = input;
  if (timestamp === undefined || timestamp === "") return fail("missing X-Slack-Request-Timestamp");
  if (!/^\d{1,15}$/.test(timestamp)) return fail("malformed timestamp");
  const skew = Math.abs(Math.floor(nowMs / 1000) - Number(timestamp));
  if (!(skew <= MAX_CLOCK_SKEW_SECONDS)) return fail("stale or future timestamp");

  if (signature === undefined || signature === "") return fail("missing X-Slack-Signature");
  if (!signature.startsWith(SIGNATURE_PREFIX)) return fail("malformed signature");
  // Wrong length or non-hex is reported as a plain mismatch: nothing to learn from the difference.
  const signatureHex = signature.slice(SIGNATURE_PREFIX.length);
  if (!HEX_SHA256.test(signatureHex)) return fail("signature mismatch");
  return { ok: true, timestamp, signatureHex };
}

function hmacHex(signingSecret: string, timestamp: string, rawBody: Uint8Array | string): string {
  // Sign the bytes as received: re-encoding a parsed body would change what was signed.
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return createHmac("sha256", signingSecret)
    .update(`${SIGNATURE_VERSION}:${timestamp}:`, "utf8")
    .update(body)
    .digest("hex");
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
