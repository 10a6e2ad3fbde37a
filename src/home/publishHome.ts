// Publishes one person's Home from fresh state. With the hash of the Home they were looking at, so
// that two updates (a click here, a submission there) never overwrite each other: when Slack says
// `hash_conflict`, another update got there first, and the Home is read again and published over it.
import type { ViewResult } from "../slack/views.js";
import type { HomeDeps, HomeUser } from "./homeDeps.js";
import { readHomeState } from "./homeState.js";
import { homeView } from "./homeView.js";

/** Rebuilds after a conflict: a second conflict in a row means someone else is busy; once more is enough. */
const MAX_CONFLICT_RETRIES = 2;

export async function publishHome(user: HomeUser, hash: string | undefined, deps: HomeDeps): Promise<ViewResult> {
  let previous = hash;
  for (let attempt = 0; ; attempt++) {
    const view = homeView(await readHomeState(user, deps));
    const result = await deps.views.publish(user.userId, view, previous);
    if (result.ok) return result;
    if (!result.hashConflict || attempt === MAX_CONFLICT_RETRIES) {
      deps.log.warn("home not published", { teamId: user.teamId, error: result.error, attempts: attempt + 1 });
      return result;
    }
    // The Home that won is newer than the hash we had, and its hash is not ours to know: what we
    // publish now was read after it, so it may replace it.
    previous = undefined;
  }
}
