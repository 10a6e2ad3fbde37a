// `app_home_opened` on the Home tab: publish that person's Home, over the one they see.
import type { HomeOpened } from "../slack/homeOpenedEvent.js";
import type { ViewResult } from "../slack/views.js";
import type { HomeDeps } from "./homeDeps.js";
import { publishHome } from "./publishHome.js";

/** Undefined when nothing was published: the Messages tab is not ours to draw. */
export async function handleHomeOpened(
  event: HomeOpened & { teamId: string },
  deps: HomeDeps,
): Promise<ViewResult | undefined> {
  if (event.tab !== "home") return undefined;
  return publishHome({ teamId: event.teamId, userId: event.userId }, event.viewHash, deps);
}
