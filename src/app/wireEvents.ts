// What the Events API route needs from the ports: claims (one run per event_id), the installations,
// subscriptions and saved places a workspace's uninstall forgets, and the hand-off that publishes a
// Home.
import type { EventDeps } from "../events/eventHandler.js";
import type { InstallationStore } from "../installations/installationStore.js";
import type { HomeJob } from "../phase2/homeJob.js";
import type { AppPorts } from "./ports.js";
import type { HomeWiring } from "./wireHome.js";

/** Single-workspace mode keeps no installation: there is nothing to forget. */
const NO_INSTALLATIONS: InstallationStore = {
  save: async () => {
    throw new Error("no installation store here");
  },
  find: async () => undefined,
  delete: async () => 0,
  beginRefresh: async () => false,
  finishRefresh: async () => false,
  abandonRefresh: async () => {},
};

export function wireEvents(ports: AppPorts, home: HomeWiring | undefined): EventDeps {
  const { subscriptions, forgetTeamSubscriptions } = ports;
  // The Home's own store (in memory where the ports have none); the ports' where the Home is off
  // here now but may have saved places before.
  const places = home?.places ?? ports.userPlaces;
  return {
    claims: ports.claims,
    log: ports.log,
    installations: ports.installations ?? NO_INSTALLATIONS,
    async forgetSubscriptions(teamId) {
      if (!subscriptions) return 0; // nothing is kept
      // A store that cannot forget a workspace fails the event loudly (Slack retries), never silently.
      if (!forgetTeamSubscriptions) throw new Error("this subscription store cannot forget a workspace yet");
      return forgetTeamSubscriptions(teamId);
    },
    forgetPlaces: async (teamId) => (places ? places.forgetTeam(teamId) : 0),
    ...(home
      ? {
          publishHome: ({ teamId, userId, viewHash }) => {
            const job: HomeJob = {
              kind: "home",
              teamId,
              userId,
              task: { type: "publish", ...(viewHash ? { viewHash } : {}) },
            };
            return ports.handOff(job);
          },
        }
      : {}),
  };
}
