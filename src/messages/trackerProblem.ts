// What the user reads when the tracker could not be used, one sentence per failure kind.
import type { TrackerErrorKind } from "../trucks/trackerError.js";

export function trackerProblemText(kind: TrackerErrorKind, trackerHost: string): string {
  switch (kind) {
    case "unreachable":
      return `:warning: I couldn't reach the food-truck tracker (${trackerHost}) just now. Please try again in a few minutes.`;
    case "bad-status":
      return `:warning: The food-truck tracker (${trackerHost}) answered with an error. Please try again in a few minutes.`;
    case "not-html":
    case "too-large":
      return `:warning: The food-truck tracker (${trackerHost}) sent something that isn't its truck list. Please try again later.`;
    case "layout-changed":
      return `:warning: The tracker's page changed and I can't read its truck list any more. The app's admin has been told in the logs.`;
    case "redirect-refused":
      return `:warning: The food-truck tracker (${trackerHost}) sent me to a page I won't follow. The app's admin has been told in the logs.`;
    case "too-slow":
      return `:hourglass: The food-truck tracker is too slow right now. Please try again in a minute.`;
  }
}
