// The OAuth `state`: proof that a callback finishes an install this app started, in this browser,
// minutes ago, for the first time. It is signed (HMAC with the client secret) and carries its
// expiry, so starting an install costs no storage; the same value goes into an HttpOnly cookie
// (the browser binding); and the callback claims it in the claim store, so a replay finds it taken.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Long enough to choose a workspace and read Slack's permissions page. */
export const STATE_LIFETIME_SECONDS = 10 * 60;

export type StateCheck =
  { ok: true; expiresAtMs: number } | { ok: false; problem: "missing" | "forged" | "expired" | "other-browser" };

const sign = (secret: string, payload: string) =>
  createHmac("sha256", `slacktrux oauth state\n${secret}`).update(payload).digest("base64url");

/** A new state: `<nonce>.<expires, s since epoch>.<signature>`, all URL- and cookie-safe. */
export function newState(secret: string, nowMs: number): string {
  const payload = `${randomBytes(16).toString("base64url")}.${Math.floor(nowMs / 1000) + STATE_LIFETIME_SECONDS}`;
  return `${payload}.${sign(secret, payload)}`;
}

/**
 * Whether `state` is one this app signed, still live, and the one in this browser's cookie.
 * Single use is the caller's: a claim on the state once this passes.
 */
export function checkState(
  secret: string,
  state: string | undefined,
  cookie: string | undefined,
  nowMs: number,
): StateCheck {
  if (!state) return { ok: false, problem: "missing" };
  const match = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(state);
  if (!match) return { ok: false, problem: "forged" };
  const given = Buffer.from(match[3]!, "base64url");
  const expected = Buffer.from(sign(secret, `${match[1]}.${match[2]}`), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: "forged" };
  const expiresAtMs = Number(match[2]) * 1000;
  if (expiresAtMs <= nowMs) return { ok: false, problem: "expired" };
  if (!cookie || cookie.length !== state.length || !timingSafeEqual(Buffer.from(cookie), Buffer.from(state))) {
    return { ok: false, problem: "other-browser" };
  }
  return { ok: true, expiresAtMs };
}
