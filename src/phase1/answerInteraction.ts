// Phase 1's handling of a click in one of our messages, once Slack has vouched for it (a verified
// signature over HTTP, the authenticated socket in Socket Mode): the click becomes a phase 2 job.
// Slack needs only an empty acknowledgement; the visible answer arrives on the response_url.
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
import type { Interaction } from "../slack/interaction.js";
import type { AnswerDeps } from "./answerCommand.js";
import type { Asker, ReplyStyle, WorkRequest } from "../phase2/job.js";
import { OutOfTime } from "./outOfTime.js";
import type { RequestOutcome } from "./requestMetrics.js";
import { describeFailure } from "../observe/describeFailure.js";

const PHASE = "acknowledge-interaction";

/** Hands the click's work to phase 2, or ignores a click that is not ours. Never throws for a failed hand-off. */
export async function answerInteraction(interaction: Interaction, deps: AnswerDeps): Promise<RequestOutcome> {
  const nowMs = deps.nowMs ?? Date.now;
  const logFields = { phase: PHASE, team: interaction.teamId, action: interaction.action.actionId };
  const work = workFor(interaction);
  if (!work) {
    // Not one of our actions, or a value we did not write: nothing to do, and nothing to retry.
    deps.log.warn("interaction ignored", { ...logFields, outcome: "ignored" });
    return "ignored";
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
    const outcome = error instanceof OutOfTime ? "try-again" : "hand-off-failed";
    deps.log.error("hand-off failed", { ...logFields, requestId, outcome, error: describeFailure(error).error });
    return outcome;
  }
  deps.log.info("acknowledged", { ...logFields, requestId, outcome: "handed-off" });
  return "handed-off";
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
