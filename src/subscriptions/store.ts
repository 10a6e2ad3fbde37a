// Where subscriptions are kept: SQL (storage/sqlSubscriptionStore.ts) on the local runtime's SQLite
// and on D1 on Cloudflare Workers, DynamoDB on AWS (aws/dynamoSubscriptionStore.ts).
// A store answers "what is due at this minute" without reading every subscription: each keeps
// subscriptions findable by (time zone, local time), and a tick asks once per time zone in use.
import type { ChannelDigest, Subscription, TruckFollow } from "./subscription.js";

export type AddOutcome = "added" | "at-cap" | "already";

export interface SubscriptionStore {
  /**
   * Saves `subscription` unless its owner (channel or user) already has `cap` of its kind
   * ("at-cap") or one with the same places or truck at the same time ("already").
   */
  add(subscription: Subscription, cap: number): Promise<AddOutcome>;
  digestsOf(teamId: string, channelId: string): Promise<ChannelDigest[]>;
  followsOf(teamId: string, userId: string): Promise<TruckFollow[]>;
  /** Removes the subscriptions of that owner with these ids (others' ids are ignored); returns those removed. */
  remove(teamId: string, ownerId: string, ids: readonly string[]): Promise<Subscription[]>;
  /** Subscriptions whose local time, in their own zone, is `time` in `timeZone`: the tick filters days. */
  at(timeZone: string, time: string): Promise<Subscription[]>;
  /** Every time zone some subscription uses. */
  timeZones(): Promise<string[]>;
}

/**
 * The daily digests one person set up, in any channel: what their Home tab lists. Apart from
 * SubscriptionStore because only the stores the Home runs on have it yet (the file store).
 */
export interface DigestsSetBy {
  digestsSetBy(teamId: string, userId: string): Promise<ChannelDigest[]>;
}

/** The same places (in any order) or the same truck, at the same time and zone. */
export function sameSubscription(a: Subscription, b: Subscription): boolean {
  if (a.time !== b.time || a.timeZone !== b.timeZone || a.kind !== b.kind) return false;
  if (a.kind === "follow" && b.kind === "follow") return a.truck === b.truck;
  if (a.kind === "digest" && b.kind === "digest")
    return [...a.places].sort().join("\n") === [...b.places].sort().join("\n");
  return false;
}
