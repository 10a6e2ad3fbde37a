// What an event handler is given, and what every handler may use. A new event is one handler and
// one line in eventHandlers.ts; if it needs something more (a bot token, say), it joins EventDeps.
import type { ClaimStore } from "../claims/claimStore.js";
import type { InstallationStore } from "../installations/installationStore.js";
import type { Logger } from "../observe/log.js";
import type { EventEnvelope } from "./eventEnvelope.js";

export interface EventDeps {
  claims: ClaimStore;
  log: Logger;
  installations: InstallationStore;
  /** Deletes every daily post and follow of a workspace; returns how many (sqlTeamSubscriptions.ts for SQL). */
  forgetSubscriptions(teamId: string): Promise<number>;
  /** Deletes every place people of a workspace saved on their Home; returns how many. */
  forgetPlaces(teamId: string): Promise<number>;
  /** Hands off publishing someone's Home (app_home_opened); absent where the Home is not set up. */
  publishHome?: (user: { teamId: string; userId: string; viewHash?: string }) => Promise<void>;
}

/** Does the event's work; throws when it could not, so Slack's retry may do it. */
export type EventHandler = (envelope: EventEnvelope, deps: EventDeps) => Promise<void>;
