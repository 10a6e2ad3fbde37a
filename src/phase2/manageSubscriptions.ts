// Phase 2 for the subscription commands: `daily …` (a channel's digests) and `follow …` (one
// person's trucks). Places and trucks are checked against today's tracker before anything is
// saved, named as the tracker prints them, and matched as `/foodtrucks farragut` matches places;
// anything unknown gets suggestions and saves nothing. The answer says what was saved, for the
// channel (digests, naming who set it up) or only for the asker (follows).
import type { SlackMessage } from "../slack/blockKit.js";
import { problemMessage, unknownPlaceMessage } from "../messages/messages.js";
import {
  ambiguousTruckMessage,
  digestAlreadyMessage,
  digestCapMessage,
  digestListMessage,
  digestRemovedMessage,
  digestSavedMessage,
  digestsRemovedMessage,
  followAlreadyMessage,
  followCapMessage,
  followListMessage,
  followSavedMessage,
  noChannelMessage,
  notFollowingMessage,
  subscriptionGoneMessage,
  tooManyPlacesMessage,
  unfollowedMessage,
  unknownTruckMessage,
  type ScheduleText,
} from "../messages/subscriptionMessages.js";
import { matchPlaces } from "../trucks/matchPlaces.js";
import { describeDays, WORKDAYS } from "../subscriptions/schedule.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import {
  MAX_DIGESTS_PER_CHANNEL,
  MAX_FOLLOWS_PER_USER,
  MAX_PLACES_PER_DIGEST,
  type ChannelDigest,
  type Subscription,
  type TruckFollow,
} from "../subscriptions/subscription.js";
import { newSubscriptionId } from "../subscriptions/subscriptionId.js";
import type { Asker, SubscriptionRequest } from "./job.js";
import type { TrackerRead } from "./readTracker.js";

export type SubscriptionOutcome =
  | "subscribed"
  | "unsubscribed"
  | "listed"
  | "unknown-place"
  | "unknown-truck"
  | "at-cap"
  | "already"
  | "not-subscribed"
  | "tracker-problem"
  | "too-slow"
  | "no-channel"
  | "too-many-places";

export interface SubscriptionAnswer {
  outcome: SubscriptionOutcome;
  message: SlackMessage;
}

export interface SubscriptionSettings {
  store: SubscriptionStore;
  /** DEFAULT_TIME_ZONE: a digest's zone when none is typed, and every follow's. */
  defaultTimeZone: string;
  /** FOLLOW_TIME: when follows are checked. */
  followTime: string;
}

export interface SubscriptionChange {
  request: SubscriptionRequest;
  asker: Asker;
  settings: SubscriptionSettings;
  /** Today's tracker, read only by the requests that check a place or truck against it. */
  readTracker: () => Promise<TrackerRead>;
  nowMs: number;
}

export async function manageSubscription(change: SubscriptionChange): Promise<SubscriptionAnswer> {
  const { request, asker, settings, readTracker, nowMs } = change;
  const { store } = settings;
  const { teamId, userId } = asker;

  switch (request.kind) {
    case "daily-add": {
      const channelId = asker.channelId;
      if (!channelId) return { outcome: "no-channel", message: noChannelMessage() };
      const read = await readTracker();
      if (!read.ok) return trackerProblem(read);
      const placeNames = read.snapshot.listings.map((listing) => listing.place);
      const matched = matchPlaces(request.places, placeNames);
      if (matched.places.length === 0 || matched.unmatched.length > 0) {
        const withTrucks = read.snapshot.listings.filter((l) => l.trucks.length > 0).map((l) => l.place);
        return { outcome: "unknown-place", message: unknownPlaceMessage(matched.unmatched, withTrucks) };
      }
      // Counted on what would be saved, not on what was typed: `daily 11:30 dc` names every DC place.
      if (matched.places.length > MAX_PLACES_PER_DIGEST) {
        return {
          outcome: "too-many-places",
          message: tooManyPlacesMessage(request.places, matched.places.length, MAX_PLACES_PER_DIGEST),
        };
      }
      const digest = newDigest({
        teamId,
        channelId,
        places: matched.places,
        time: request.time,
        timeZone: request.timeZone ?? settings.defaultTimeZone,
        days: request.days ?? WORKDAYS,
        createdBy: userId,
        nowMs,
      });
      const added = await store.add(digest, MAX_DIGESTS_PER_CHANNEL);
      if (added === "at-cap") return { outcome: "at-cap", message: digestCapMessage(MAX_DIGESTS_PER_CHANNEL) };
      if (added === "already") return { outcome: "already", message: digestAlreadyMessage() };
      return { outcome: "subscribed", message: digestSavedMessage(userId, digest.places, scheduleText(digest)) };
    }
    case "daily-list": {
      if (!asker.channelId) return { outcome: "no-channel", message: noChannelMessage() };
      const digests = await store.digestsOf(teamId, asker.channelId);
      return {
        outcome: "listed",
        message: digestListMessage(
          digests.map((d) => ({ places: d.places, createdBy: d.createdBy, schedule: scheduleText(d) })),
        ),
      };
    }
    case "daily-off": {
      const channelId = asker.channelId;
      if (!channelId) return { outcome: "no-channel", message: noChannelMessage() };
      const digests = await store.digestsOf(teamId, channelId);
      const removed = await store.remove(
        teamId,
        channelId,
        digests.map((d) => d.id),
      );
      return {
        outcome: removed.length > 0 ? "unsubscribed" : "not-subscribed",
        message: digestsRemovedMessage(userId, removed.length),
      };
    }
    case "follow": {
      const read = await readTracker();
      if (!read.ok) return trackerProblem(read);
      const truckNames = [...new Set(read.snapshot.listings.flatMap((l) => l.trucks.map((t) => t.name)))];
      const matched = matchPlaces(request.truck, truckNames);
      if (matched.places.length === 0) {
        const suggestions = matched.unmatched.flatMap((u) => u.suggestions);
        return { outcome: "unknown-truck", message: unknownTruckMessage(request.truck, [...new Set(suggestions)]) };
      }
      if (matched.places.length > 1) {
        return { outcome: "unknown-truck", message: ambiguousTruckMessage(request.truck, matched.places) };
      }
      const follow = newFollow({ teamId, userId, truck: matched.places[0]!, settings, nowMs });
      const added = await store.add(follow, MAX_FOLLOWS_PER_USER);
      if (added === "at-cap") return { outcome: "at-cap", message: followCapMessage(MAX_FOLLOWS_PER_USER) };
      if (added === "already") return { outcome: "already", message: followAlreadyMessage(follow.truck) };
      return { outcome: "subscribed", message: followSavedMessage(follow.truck, scheduleText(follow)) };
    }
    case "unfollow": {
      const follows = await store.followsOf(teamId, userId);
      const names = matchPlaces(
        request.truck,
        follows.map((f) => f.truck),
      ).places;
      const ids = follows.filter((f) => names.includes(f.truck)).map((f) => f.id);
      if (ids.length === 0) return { outcome: "not-subscribed", message: notFollowingMessage(request.truck) };
      const removed = await store.remove(teamId, userId, ids);
      return { outcome: "unsubscribed", message: unfollowedMessage(removed.map(truckOf)) };
    }
    case "following": {
      const follows = await store.followsOf(teamId, userId);
      return {
        outcome: "listed",
        message: followListMessage(follows.map((f) => ({ truck: f.truck, schedule: scheduleText(f) }))),
      };
    }
    case "remove-subscription": {
      // A digest of the channel the button was clicked in, or a follow of whoever clicked.
      const removed = [
        ...(asker.channelId ? await store.remove(teamId, asker.channelId, [request.id]) : []),
        ...(await store.remove(teamId, userId, [request.id])),
      ];
      const [first] = removed;
      if (!first) return { outcome: "not-subscribed", message: subscriptionGoneMessage() };
      return {
        outcome: "unsubscribed",
        message:
          first.kind === "digest"
            ? digestRemovedMessage(userId, first.places, scheduleText(first))
            : unfollowedMessage([first.truck]),
      };
    }
  }
}

/** A new channel digest, as `daily` and the daily post modal save it. */
export function newDigest(fields: Omit<ChannelDigest, "kind" | "id" | "createdAt"> & { nowMs: number }): ChannelDigest {
  const { nowMs, ...rest } = fields;
  return { kind: "digest", id: newSubscriptionId(), ...rest, createdAt: new Date(nowMs).toISOString() };
}

/** A new follow at FOLLOW_TIME on workdays, as `follow` and the follow modal save it. */
export function newFollow(fields: {
  teamId: string;
  userId: string;
  truck: string;
  settings: SubscriptionSettings;
  nowMs: number;
}): TruckFollow {
  const { teamId, userId, truck, settings, nowMs } = fields;
  return {
    kind: "follow",
    id: newSubscriptionId(),
    teamId,
    userId,
    truck,
    time: settings.followTime,
    timeZone: settings.defaultTimeZone,
    days: WORKDAYS,
    createdBy: userId,
    createdAt: new Date(nowMs).toISOString(),
  };
}

function truckOf(subscription: Subscription): string {
  return subscription.kind === "follow" ? subscription.truck : subscription.places.join(", ");
}

export function scheduleText(subscription: Subscription): ScheduleText {
  return {
    id: subscription.id,
    time: subscription.time,
    timeZone: subscription.timeZone,
    days: describeDays(subscription.days),
  };
}

function trackerProblem(read: Extract<TrackerRead, { ok: false }>): SubscriptionAnswer {
  return { outcome: read.kind === "too-slow" ? "too-slow" : "tracker-problem", message: problemMessage(read.problem) };
}
