// The minute's tick on AWS, fanned out: the tick only finds what is due (app.duePosts) and sends it
// to an SQS queue in batches; the queue's consumer, the worker again, posts each batch
// (app.deliverDuePosts) in its own invocation. So thousands of posts due at one minute never run in one
// long invocation, and a batch that failed is retried alone (partial batch failures), then
// dead-lettered. Posts already made are claimed, so a batch delivered twice posts nothing twice.
import type { App, TickReport } from "../../app/createApp.js";
import type { DuePosts } from "../../app/duePosts.js";
import type { Logger } from "../../observe/log.js";
import { describeFailure } from "../../observe/describeFailure.js";
import type { Subscription } from "../../subscriptions/subscription.js";
import { callJsonApi } from "./aws/awsJsonApi.js";
import type { AwsService } from "./aws/awsService.js";

/** Posts per message: small enough that one batch posts in seconds, far under SQS's 256 KB. */
export const POSTS_PER_BATCH = 25;
/** SendMessageBatch takes at most ten messages. */
const MESSAGES_PER_CALL = 10;
const TIMEOUT_MS = 5_000;

/** What the tick sent: the minute, how many posts were due, in how many batches. */
export interface FanOutReport {
  minute: string;
  due: number;
  batches: number;
}

/** The due posts cut into batches; one channel's or person's posts stay in one batch, in order. */
export function batchesOf(due: DuePosts, size = POSTS_PER_BATCH): DuePosts[] {
  const batch = (parts: Partial<DuePosts>): DuePosts => ({
    minute: due.minute,
    digests: [],
    subscriptions: [],
    earlier: [],
    ...parts,
  });
  const batches: DuePosts[] = [];
  for (let i = 0; i < due.digests.length; i += size) batches.push(batch({ digests: due.digests.slice(i, i + size) }));
  // Runs of the minutes before, caught up (or given up) by the core: in batches of their own.
  for (let i = 0; i < due.earlier.length; i += size) batches.push(batch({ earlier: due.earlier.slice(i, i + size) }));
  // Runs refused for their token, retried: a workspace's in one batch, so one refusal spares Slack the rest.
  for (const refused of keptTogether(due.refused ?? [], size, (run) => run.subscription.teamId))
    batches.push(batch({ refused }));
  for (const subscriptions of keptTogether(due.subscriptions, size, ownerKey)) batches.push(batch({ subscriptions }));
  return batches;
}

/** `items` in groups of about `size`, sorted by key, never splitting the items of one key. */
function keptTogether<T>(items: readonly T[], size: number, keyOf: (item: T) => string): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const item of [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)))) {
    const sameKey = current.length > 0 && keyOf(current[current.length - 1]!) === keyOf(item);
    if (current.length >= size && !sameKey) {
      groups.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function ownerKey(subscription: Subscription): string {
  return `${subscription.teamId}#${subscription.kind === "digest" ? subscription.channelId : subscription.userId}`;
}

export async function fanOutTick(
  app: App,
  at: Date,
  queue: { url: string; sqs: AwsService<"sqs"> },
): Promise<FanOutReport> {
  const due = await app.duePosts(at);
  const batches = batchesOf(due);
  for (let i = 0; i < batches.length; i += MESSAGES_PER_CALL) {
    const entries = batches
      .slice(i, i + MESSAGES_PER_CALL)
      .map((batch, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(batch) }));
    const answer = await callJsonApi<{ Failed?: { Id: string; Code?: string }[] }>(
      queue.sqs,
      "AmazonSQS.SendMessageBatch",
      { QueueUrl: queue.url, Entries: entries },
      { timeoutMs: TIMEOUT_MS },
    );
    // The tick throws and Lambda runs it again: batches already sent post nothing twice (claims).
    if (answer.Failed && answer.Failed.length > 0) {
      throw new Error(`SQS refused ${answer.Failed.length} batches of ${due.minute}: ${answer.Failed[0]!.Code ?? "?"}`);
    }
  }
  return { minute: due.minute, due: due.digests.length + due.subscriptions.length, batches: batches.length };
}

export interface SqsEvent {
  Records: { messageId: string; body: string; eventSource?: string }[];
}

export function isSqsEvent(event: unknown): event is SqsEvent {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) && records.every((r) => (r as { eventSource?: unknown }).eventSource === "aws:sqs");
}

/** The event source mapping's answer: the messages to deliver again (ReportBatchItemFailures). */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export async function deliverBatches(app: App, event: SqsEvent, log: Logger): Promise<BatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const batch = readBatch(record.body);
    if (!batch) {
      // Ours, yet unreadable: a retry would read it no better.
      log.error("due posts batch unreadable, dropped", { phase: "tick", messageId: record.messageId });
      continue;
    }
    let report: TickReport | undefined;
    try {
      report = await app.deliverDuePosts(batch, new Date(batch.minute));
    } catch (error) {
      log.error("due posts batch crashed", { phase: "tick", minute: batch.minute, ...describeFailure(error) });
    }
    if (!report || report.failed > 0) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
}

function readBatch(body: string): DuePosts | undefined {
  try {
    const batch = JSON.parse(body) as Partial<DuePosts>;
    const minute = typeof batch.minute === "string" ? batch.minute : undefined;
    if (!minute || Number.isNaN(new Date(minute).getTime())) return undefined;
    if (!Array.isArray(batch.digests) || !Array.isArray(batch.subscriptions)) return undefined;
    const earlier = Array.isArray(batch.earlier) ? batch.earlier : [];
    const refused = Array.isArray(batch.refused) ? batch.refused : [];
    return { minute, digests: batch.digests, subscriptions: batch.subscriptions, earlier, refused };
  } catch {
    return undefined;
  }
}
