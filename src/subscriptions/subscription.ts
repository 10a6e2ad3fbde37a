// A subscription is what someone set up from Slack: a channel's daily digest of some places, or a
// person's follow of one truck. It holds only what running it needs — team, channel or user,
// places or truck, when, who set it up and when — never a message or a token.

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Enough for any team's lunch spots; more would make a channel a feed. */
export const MAX_DIGESTS_PER_CHANNEL = 5;
/** Enough for favourites; more would make the DMs noise. */
export const MAX_FOLLOWS_PER_USER = 10;
/** A digest names at most this many places (like DIGESTS). */
export const MAX_PLACES_PER_DIGEST = 10;

interface Schedule {
  /** Unique, random: names the subscription in buttons, claims and storage. */
  id: string;
  teamId: string;
  /** Local wall-clock time, "HH:MM" (24-hour). */
  time: string;
  /** IANA time zone the time is in. */
  timeZone: string;
  /** Days of the week it runs, in week order. */
  days: Weekday[];
  /** Slack user id of whoever set it up. */
  createdBy: string;
  /** ISO-8601. */
  createdAt: string;
}

export interface ChannelDigest extends Schedule {
  kind: "digest";
  channelId: string;
  /** Place names as the tracker printed them when the digest was set up. */
  places: string[];
}

export interface TruckFollow extends Schedule {
  kind: "follow";
  /** The follower, who gets a direct message from the app. */
  userId: string;
  /** The truck's name as the tracker printed it when the follow was set up. */
  truck: string;
}

export type Subscription = ChannelDigest | TruckFollow;

/** Whose subscription it is: the channel of a digest, the user of a follow. */
export function ownerOf(subscription: Subscription): string {
  return subscription.kind === "digest" ? subscription.channelId : subscription.userId;
}
