// Decides phase 2's answer from what was asked and what the tracker lists: pure, so every rule
// about which message, for whom, is in one place and testable without I/O.
import type { SlackMessage } from "../slack/blockKit.js";
import { noTrucksMessage, placeListMessage, placePickerMessage, unknownPlaceMessage } from "../messages/messages.js";
import { trucksMessage, type TrucksMessageInput } from "../messages/truckList.js";
import { matchPlaces } from "../trucks/matchPlaces.js";
import type { TrackerSnapshot } from "../trucks/tracker.js";
import type { PlaceListing } from "../trucks/types.js";
import type { LookupRequest } from "./job.js";

export type AnswerKind = "posted" | "listed" | "picker" | "unknown-place" | "no-trucks";

export interface Answer {
  kind: AnswerKind;
  message: SlackMessage;
  /** For a truck list: the places in it (logs, webhook confirmation). */
  places?: string[];
  /** A "did you mean" for the named places that matched nothing, sent after a truck list. */
  followUp?: SlackMessage;
}

export interface AnswerContext {
  askedBy: string;
  nowMs: number;
}

export function composeAnswer(request: LookupRequest, snapshot: TrackerSnapshot, context: AnswerContext): Answer {
  const { listings } = snapshot;
  if (request.kind === "default") return { kind: "picker", message: placePickerMessage(listings) };
  if (request.kind === "list") {
    return { kind: "listed", message: placeListMessage(listings, snapshot.sourceUrl, snapshot.fetchedAt) };
  }

  if (request.kind === "named-places") {
    // A menu choice or a Refresh names places exactly, and the answer goes to the channel (or
    // replaces a channel post) whatever it holds: a place gone from the tracker has no trucks now.
    const chosen = request.places.map(
      (place) => listings.find((listing) => listing.place === place) ?? { place, trucks: [] },
    );
    // A refreshed digest keeps its digest footer and time zone, and says who refreshed it.
    const asAsked = request.digest
      ? { refreshedBy: context.askedBy, ...(request.digest.timeZone ? { timeZone: request.digest.timeZone } : {}) }
      : { askedBy: context.askedBy };
    return { kind: "posted", message: trucks(chosen, snapshot, context.nowMs, asAsked), places: request.places };
  }

  const matched = matchPlaces(
    request.query,
    listings.map((l) => l.place),
  );
  const withTrucks = listings.filter((listing) => listing.trucks.length > 0);
  const didYouMean = () =>
    unknownPlaceMessage(
      matched.unmatched,
      withTrucks.map((l) => l.place),
    );
  if (matched.places.length === 0) return { kind: "unknown-place", message: didYouMean() };

  const chosen = listings.filter((listing) => matched.places.includes(listing.place));
  if (chosen.every((listing) => listing.trucks.length === 0)) {
    return { kind: "no-trucks", message: noTrucksMessage(matched.places, withTrucks, request.query) };
  }
  return {
    kind: "posted",
    message: trucks(chosen, snapshot, context.nowMs, { askedBy: context.askedBy }),
    places: chosen.map((listing) => listing.place),
    ...(matched.unmatched.length > 0 ? { followUp: didYouMean() } : {}),
  };
}

function trucks(
  chosen: PlaceListing[],
  snapshot: TrackerSnapshot,
  nowMs: number,
  asked: Pick<TrucksMessageInput, "askedBy" | "refreshedBy" | "timeZone">,
): SlackMessage {
  return trucksMessage({
    listings: chosen,
    sourceUrl: snapshot.sourceUrl,
    fetchedAt: snapshot.fetchedAt,
    ...asked,
    refreshable: true,
    ...(snapshot.stale ? { staleSince: snapshot.fetchedAt } : {}),
    nowMs,
  });
}
