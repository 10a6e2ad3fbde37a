// What the Home and the settings modals need from the runtime that runs them: Slack's views and
// chat.postMessage with the workspace's token, the stores, today's tracker read within a deadline,
// the settings, the clock and the logs.
import type { Logger } from "../observe/log.js";
import type { SubscriptionSettings } from "../phase2/manageSubscriptions.js";
import type { TrackerRead } from "../phase2/readTracker.js";
import type { Views } from "../slack/views.js";
import type { PostMessage } from "../slack/webApi.js";
import type { DigestsSetBy } from "../subscriptions/store.js";
import type { UserPlaceStore } from "./userPlaceStore.js";

export interface HomeDeps {
  views: Views;
  /** chat.postMessage, to tell a channel it has a new daily post (and to learn the app can post there). */
  postMessage: PostMessage;
  places: UserPlaceStore;
  /** The subscription store with DEFAULT_TIME_ZONE and FOLLOW_TIME, as `daily` and `follow` use them. */
  subscriptions: SubscriptionSettings & { store: SubscriptionSettings["store"] & DigestsSetBy };
  /** Today's tracker page, given up on in time for Slack's 3 s (a cached page is served at once). */
  readTracker: () => Promise<TrackerRead>;
  /** DEFAULT_PLACE: the place the Home shows to someone who chose none. */
  defaultPlace?: string;
  /** The slash command's name, for the Home's how-to. */
  commandName: string;
  now: () => number;
  log: Logger;
}

/** Whose Home, in which workspace. */
export interface HomeUser {
  teamId: string;
  userId: string;
}
