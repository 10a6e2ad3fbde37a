// Everything one person's Home shows, read afresh: today's page, their saved place, the trucks
// they follow and the daily posts they set. Read in parallel; a tracker that cannot be read
// leaves the rest of the Home as it is, with the reason in place of today's trucks.
import { scheduleText } from "../phase2/manageSubscriptions.js";
import { placesOfTruck } from "../subscriptions/tick.js";
import { matchPlaces } from "../trucks/matchPlaces.js";
import type { PlaceListing } from "../trucks/types.js";
import type { HomeDeps, HomeUser } from "./homeDeps.js";
import type { HomeInput, TodayAtPlace } from "./homeView.js";

export async function readHomeState(user: HomeUser, deps: HomeDeps): Promise<HomeInput> {
  const { teamId, userId } = user;
  const { store } = deps.subscriptions;
  const [read, saved, follows, dailies] = await Promise.all([
    deps.readTracker(),
    deps.places.get(teamId, userId),
    store.followsOf(teamId, userId),
    store.digestsSetBy(teamId, userId),
  ]);
  const listings = read.ok ? read.snapshot.listings : undefined;
  return {
    userId,
    today: read.ok
      ? todayAt(read.snapshot.listings, saved, deps.defaultPlace)
      : { kind: "problem", problem: read.problem },
    ...(read.ok
      ? {
          source: {
            url: read.snapshot.sourceUrl,
            fetchedAt: read.snapshot.fetchedAt,
            stale: read.snapshot.stale !== undefined,
          },
        }
      : {}),
    timeZone: deps.subscriptions.defaultTimeZone,
    follows: follows.map((follow) => ({
      schedule: scheduleText(follow),
      truck: follow.truck,
      outAt: listings && placesOfTruck(follow.truck, listings),
    })),
    dailies: dailies.map((daily) => ({
      schedule: scheduleText(daily),
      channelId: daily.channelId,
      places: daily.places,
    })),
    commandName: deps.commandName,
  };
}

/** Their saved place; else DEFAULT_PLACE, matched as `/foodtrucks` matches it; else none. */
function todayAt(listings: PlaceListing[], saved: string | undefined, defaultPlace: string | undefined): TodayAtPlace {
  const place =
    saved ??
    (defaultPlace
      ? (matchPlaces(
          defaultPlace,
          listings.map((l) => l.place),
        ).places[0] ?? defaultPlace)
      : undefined);
  if (place === undefined) return { kind: "no-place" };
  const listing = listings.find((l) => l.place === place);
  return {
    kind: "place",
    place,
    chosen: saved !== undefined,
    trucks: listing?.trucks ?? [],
    listed: listing !== undefined,
  };
}
