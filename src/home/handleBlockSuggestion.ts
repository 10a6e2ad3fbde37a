// The options an external select in our modals loads as someone types (block_suggestion): today's
// places or today's trucks. Slack waits 3 s for them; a tracker that cannot answer by then offers
// nothing rather than an error (the menu says there are no options, and typing again retries).
import type { BlockSuggestion } from "../slack/viewInteraction.js";
import type { HomeDeps } from "./homeDeps.js";
import { FIELDS } from "./modals.js";
import { placeOptions, truckOptions, type OptionsAnswer } from "./options.js";

export async function handleBlockSuggestion(
  suggestion: BlockSuggestion,
  deps: Pick<HomeDeps, "readTracker" | "log">,
): Promise<OptionsAnswer> {
  const kind =
    suggestion.actionId === FIELDS.places.action || suggestion.actionId === FIELDS.place.action
      ? "place"
      : suggestion.actionId === FIELDS.truck.action
        ? "truck"
        : undefined;
  if (!kind) return { options: [] };
  const read = await deps.readTracker();
  if (!read.ok) {
    deps.log.warn("no options: tracker not read", { teamId: suggestion.teamId, kind: read.kind });
    return { options: [] };
  }
  const { listings } = read.snapshot;
  return kind === "place" ? placeOptions(listings, suggestion.query) : truckOptions(listings, suggestion.query);
}
