// POSTs a message to a response_url or incoming webhook: only to allowed hosts, never following
// redirects, retrying with backoff on network errors, 5xx and 429 (honouring Retry-After) — all
// within a DeliveryBudget: each try's timeout and each wait fit in the time left, and tries stop
// when the URL's POSTs are used up. A wait that would outlast the budget is not started.
import { httpRequest, type HttpClient } from "../net/httpRequest.js";
import type { SlackMessage } from "./blockKit.js";
import { createDeliveryBudget, type DeliveryBudget } from "./deliveryBudget.js";
import { checkResponseUrl, type AllowedHost } from "./responseUrlPolicy.js";

export interface DeliveryOptions {
  allowedHosts: readonly AllowedHost[];
  /** Most tries of this message, first included (the budget may allow fewer). */
  attempts?: number;
  /** First backoff; doubled each retry. Slack's Retry-After replaces it. */
  baseDelayMs?: number;
  /** Longest backoff when Slack gives no Retry-After. */
  maxDelayMs?: number;
  /** Longest single try; the budget's time left caps it too. */
  timeoutMs?: number;
  /** Node's http by default. */
  http?: HttpClient;
  sleep?: (ms: number) => Promise<void>;
}

/** What one message may draw on: the job's budget, less what later messages need. */
export interface BudgetShare {
  budget: DeliveryBudget;
  /** POSTs to this URL left for later messages. */
  sparePosts?: number;
  /** Time left for later messages. */
  spareMs?: number;
}

export type DeliveryResult = { ok: true; attempts: number } | { ok: false; attempts: number; reason: string };

export type Deliver = (url: string, message: SlackMessage, share?: BudgetShare) => Promise<DeliveryResult>;

/** Less time than this left, a try is not started: it could only time out, and still use up one of Slack's posts. */
const MIN_TRY_MS = 250;

/** A message delivered without a job's budget (a digest, the command line) gets this much time. */
export const SINGLE_MESSAGE_BUDGET_MS = 30_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDeliver(options: DeliveryOptions): Deliver {
  return (url, message, share) => deliverMessage(url, message, options, share);
}

export async function deliverMessage(
  target: string,
  message: SlackMessage,
  options: DeliveryOptions,
  share: BudgetShare = { budget: createDeliveryBudget({ ms: SINGLE_MESSAGE_BUDGET_MS }) },
): Promise<DeliveryResult> {
  const {
    allowedHosts,
    attempts = 4,
    baseDelayMs = 300,
    maxDelayMs = 5_000,
    timeoutMs = 5_000,
    http = httpRequest,
    sleep = sleepFor,
  } = options;
  const { budget, sparePosts = 0, spareMs = 0 } = share;
  const remainingMs = () => Math.max(0, budget.remainingMs() - spareMs);
  const checked = checkResponseUrl(target, allowedHosts);
  if (!checked.ok) return { ok: false, attempts: 0, reason: checked.reason };
  const url = checked.url.href;
  const body = JSON.stringify(message);
  let reason = "no POSTs or time left in the job's delivery budget";
  let tries = 0;

  while (
    tries < attempts &&
    budget.postsLeft(url) > sparePosts &&
    remainingMs() >= MIN_TRY_MS &&
    budget.takePost(url)
  ) {
    tries++;
    let retryAfterMs: number | undefined;
    try {
      const response = await http(checked.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body,
        timeoutMs: Math.max(1, Math.min(timeoutMs, remainingMs())),
        maxBodyBytes: 64 * 1024,
      });
      if (response.status >= 200 && response.status < 300) return { ok: true, attempts: tries };
      reason = `Slack answered HTTP ${response.status}`;
      const retriable = response.status === 429 || response.status >= 500;
      if (!retriable) return { ok: false, attempts: tries, reason };
      retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
    } catch (error) {
      reason = (error as Error).message;
    }
    if (tries >= attempts || budget.postsLeft(url) <= sparePosts) break;
    const waitMs = retryAfterMs ?? Math.min(baseDelayMs * 2 ** (tries - 1), maxDelayMs);
    // A try needs time after the wait: a wait that leaves too little would only overrun the job.
    if (waitMs + MIN_TRY_MS > remainingMs()) {
      reason += `; the next try (in ${Math.ceil(waitMs / 1000)} s) would outlast the job's delivery budget`;
      break;
    }
    await sleep(waitMs);
  }
  return { ok: false, attempts: tries, reason };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  // Stryker disable next-line EqualityOperator: equivalent, "0" then reads as a date (in 2000), so already past: a wait of 0 either way
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
  share?: BudgetShare,
): Promise<DeliveryResult> {
  let allowedHosts: AllowedHost[] = [];
  try {
    const { hostname, port } = new URL(webhookUrl);
    allowedHosts = [port ? { hostname, port } : { hostname }];
  } catch {
    // Not a URL: deliverMessage refuses it with a reason.
  }
  const { response_type: _ignored, ...forWebhook } = message;
  return deliverMessage(webhookUrl, forWebhook, { ...options, allowedHosts }, share);
}
