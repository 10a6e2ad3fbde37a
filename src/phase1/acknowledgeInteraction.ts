// Phase 1 for clicks in our messages (POST /slack/interactions): the same checks as a command,
// then the click becomes a phase 2 job. Slack only needs an empty 200 within 3 seconds; the
// visible answer arrives through the interaction's response_url.
import { randomUUID } from "node:crypto";
import {
  ACTION_PICK_PLACE,
  ACTION_REFRESH,
  ACTION_REMOVE_SUBSCRIPTION,
  ACTION_SHARE,
  parseRefreshValue,
  parseRemoveSubscriptionValue,
  parseShareValue,
} from "../messages/actions.js";
import { parseInteraction, type Interaction } from "../slack/interaction.js";
import type { AcknowledgeDeps } from "./acknowledge.js";
import { checkSlackRequest, rejectBadBody } from "./checkSlackRequest.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";
import type { Asker, ReplyStyle, WorkRequest } from "../phase2/job.js";

const PHASE = "acknowledge-interaction";

export async function acknowledgeInteraction(
  request: InboundRequest,
  deps: AcknowledgeDeps,
): Promise<OutboundResponse> {
  const nowMs = deps.nowMs ?? Date.now;
  const refused = checkSlackRequest(request, deps, PHASE);
  if (refused) return refused;
  const parsed = parseInteraction(request.rawBody.toString("utf8"));
  if (!parsed.ok) return rejectBadBody(deps.log, PHASE, parsed.reason);
  const { interaction } = parsed;

  const logFields = { phase: PHASE, team: interaction.teamId, action: interaction.action.actionId };
  const work = workFor(interaction);
  if (!work) {
    // Not one of our actions, or a value we did not write: nothing to do, and nothing to retry.
    deps.log.warn("interaction ignored", { ...logFields, outcome: "ignored" });
    return textResponse(200, "");
  }
  const requestId = randomUUID();
  try {
    await deps.handOff({
      requestId,
      receivedAtMs: nowMs(),
      asker: askerOf(interaction),
      request: work.request,
      reply: work.reply,
    });
  } catch (error) {
    deps.log.error("hand-off failed", {
      ...logFields,
      requestId,
      outcome: "hand-off-failed",
      error: (error as Error).name,
    });
    return textResponse(200, "");
  }
  deps.log.info("acknowledged", { ...logFields, requestId, outcome: "handed-off" });
  return textResponse(200, "");
}

function workFor(interaction: Interaction): { request: WorkRequest; reply: ReplyStyle } | undefined {
  const { action, fromEphemeral } = interaction;
  switch (action.actionId) {
    case ACTION_PICK_PLACE:
      return action.selectedValue
        ? {
            request: { kind: "named-places", places: [action.selectedValue] },
            reply: { deleteOriginal: fromEphemeral },
          }
        : undefined;
    case ACTION_SHARE: {
      const shared = parseShareValue(action.value);
      return shared ? { request: shared, reply: { inChannel: true, deleteOriginal: fromEphemeral } } : undefined;
    }
    case ACTION_REFRESH: {
      const refresh = parseRefreshValue(action.value);
      return refresh ? { request: { kind: "named-places", ...refresh }, reply: { replaceOriginal: true } } : undefined;
    }
    case ACTION_REMOVE_SUBSCRIPTION: {
      const id = parseRemoveSubscriptionValue(action.value);
      // The list it was in goes; the confirmation follows (to the channel, for a digest).
      return id
        ? { request: { kind: "remove-subscription", id }, reply: { deleteOriginal: fromEphemeral } }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Phase 2 answers a click as it would the command that made the clicked message. */
function askerOf(interaction: Interaction): Asker {
  return {
    command: "/foodtrucks",
    responseUrl: interaction.responseUrl,
    userId: interaction.userId,
    teamId: interaction.teamId,
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
  };
}
