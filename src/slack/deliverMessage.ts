// POSTs a message to a response_url or incoming webhook: only to allowed hosts, never following
// redirects, retrying with backoff on network errors, 5xx and 429 (honouring Retry-After).
// Slack accepts up to 5 posts to one response_url within 30 minutes, so retries stay below that.
import { httpRequest, type HttpClient } from "../net/httpRequest.js";
import type { SlackMessage } from "./blockKit.js";
import { checkResponseUrl, type AllowedHost } from "./responseUrlPolicy.js";

export interface DeliveryOptions {
  allowedHosts: readonly AllowedHost[];
  /** Total tries, first included. */
  attempts?: number;
  /** First backoff; doubled each retry. */
  baseDelayMs?: number;
  /** Longest single wait, Retry-After included. */
  maxDelayMs?: number;
  timeoutMs?: number;
  /** Node's http by default. */
  http?: HttpClient;
  sleep?: (ms: number) => Promise<void>;
}

export type DeliveryResult = { ok: true; attempts: number } | { ok: false; attempts: number; reason: string };

export type Deliver = (url: string, message: SlackMessage) => Promise<DeliveryResult>;

/** Slack accepts at most this many posts to one response_url. */
const SLACK_MAX_USES = 5;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDeliver(options: DeliveryOptions): Deliver {
  return (url, message) => deliverMessage(url, message, options);
}

export async function deliverMessage(
  target: string,
  message: SlackMessage,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const {
    allowedHosts,
    baseDelayMs = 300,
    maxDelayMs = 5_000,
    timeoutMs = 5_000,
    http = httpRequest,
    sleep = sleepFor,
  } = options;
  const attempts = Math.min(options.attempts ?? 4, SLACK_MAX_USES);
  const checked = checkResponseUrl(target, allowedHosts);
  if (!checked.ok) return { ok: false, attempts: 0, reason: checked.reason };
  const body = JSON.stringify(message);
  let reason = "not sent";

  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await http(checked.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body,
        timeoutMs,
        maxBodyBytes: 64 * 1024,
      });
      if (response.status >= 200 && response.status < 300) return { ok: true, attempts: attempt };
      reason = `Slack answered HTTP ${response.status}`;
      const retriable = response.status === 429 || response.status >= 500;
      if (!retriable) return { ok: false, attempts: attempt, reason };
      retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
    } catch (error) {
      reason = (error as Error).message;
    }
    if (attempt < attempts) {
      const backoff = baseDelayMs * 2 ** (attempt - 1);
      await sleep(Math.min(retryAfterMs ?? backoff, maxDelayMs));
    }
  }
  return { ok: false, attempts, reason };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Posts to an incoming webhook the admin configured (SLACK_WEBHOOK_URL, a digest's): its host is
 * trusted for this one post, and only its host — the response_url allow-list is not widened.
 * Webhooks post to their own channel, so response_type, which means nothing there, is dropped.
 */
export function deliverToWebhook(
  webhookUrl: string,
  message: SlackMessage,
  options: Pick<DeliveryOptions, "http"> = {},
): Promise<DeliveryResult> {
  let allowedHosts: AllowedHost[] = [];
  try {
    const { hostname, port } = new URL(webhookUrl);
    allowedHosts = [port ? { hostname, port } : { hostname }];
  } catch {
    // Not a URL: deliverMessage refuses it with a reason.
  }
  const { response_type: _ignored, ...forWebhook } = message;
  return deliverMessage(webhookUrl, forWebhook, { ...options, allowedHosts });
}
