// What phase 1 hands to phase 2. It must survive JSON (a Lambda async invoke carries it), and it
// holds the response_url, which is a secret: log the requestId, never the job.
import type { Weekday } from "../subscriptions/subscription.js";

/**
 * What to look up: a command's request (never help: phase 1 answers that itself), or places
 * named exactly (a menu choice, a Refresh).
 */
export type WorkRequest =
  | { kind: "list" }
  | { kind: "places"; query: string }
  | { kind: "default" }
  // `digest`: a Refresh of a digest post, re-rendered as the digest it was.
  | { kind: "named-places"; places: string[]; digest?: { timeZone?: string } }
  | SubscriptionRequest;

/**
 * Setting up, listing and removing subscriptions (subscriptions/): phase 1 has read the time, days
 * and zone; phase 2 checks places and trucks against today's tracker, then saves.
 */
export type SubscriptionRequest =
  /** `daily 11:30 [days] [zone] places…`: days and zone absent when not typed (weekdays, DEFAULT_TIME_ZONE). */
  | { kind: "daily-add"; time: string; days?: Weekday[]; timeZone?: string; places: string }
  | { kind: "daily-list" }
  | { kind: "daily-off" }
  | { kind: "follow"; truck: string }
  | { kind: "unfollow"; truck: string }
  | { kind: "following" }
  /** A Remove or Unfollow button. */
  | { kind: "remove-subscription"; id: string };

const SUBSCRIPTION_KINDS = new Set<string>([
  "daily-add",
  "daily-list",
  "daily-off",
  "follow",
  "unfollow",
  "following",
  "remove-subscription",
]);

/** A look-up of today's trucks: everything but subscription commands. */
export type LookupRequest = Exclude<WorkRequest, SubscriptionRequest>;

export function isSubscriptionRequest(request: WorkRequest): request is SubscriptionRequest {
  return SUBSCRIPTION_KINDS.has(request.kind);
}

/** Who asked, and where to answer: all phase 2 needs of a slash command or a click. */
export interface Asker {
  /** The slash command's name, e.g. "/foodtrucks" (logs). */
  command: string;
  /** Where the answer goes; unique per command, so it also keys the command's claim. */
  responseUrl: string;
  /** Named in a truck list ("asked by"). */
  userId: string;
  /** Logs; and whose subscriptions a daily or follow command manages. */
  teamId: string;
  /** Where the command was typed (or the click made): the channel a `daily` command subscribes. */
  channelId?: string;
}

/** How the answer replaces or accompanies the message a button was clicked in. */
export interface ReplyStyle {
  /** Post for the whole channel even where the answer is normally only for the asker (Share). */
  inChannel?: boolean;
  /** Replace the message the button was in (Refresh). */
  replaceOriginal?: boolean;
  /** Remove the ephemeral message the button was in once the answer is posted (menu, Share). */
  deleteOriginal?: boolean;
}

export interface FulfilJob {
  requestId: string;
  /** When phase 1 received the command (epoch ms): response_url expires 30 minutes later. */
  receivedAtMs: number;
  /** Who asked, and the response_url to answer on: from the slash command, or from the click. */
  asker: Asker;
  request: WorkRequest;
  reply?: ReplyStyle;
}

/** Starts phase 2 without waiting for it: in-process locally, an async Lambda invoke on AWS. */
export type HandOff = (job: FulfilJob) => Promise<void>;
