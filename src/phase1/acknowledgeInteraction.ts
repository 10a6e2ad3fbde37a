// Phase 1 over HTTP for clicks in our messages (POST /slack/interactions): the same checks as a
// command (the signature is this route's gate), then the click is handled as every runtime does.
// Slack only needs an empty 200 within 3 seconds.
import { parseInteractionPayload, readInteractionForm } from "../slack/interaction.js";
import { isViewInteraction } from "../slack/viewInteraction.js";
import { startAnswer, type AcknowledgeDeps } from "./acknowledge.js";
import { answerInteraction } from "./answerInteraction.js";
import { checkSlackRequest, rejectBadBody } from "./checkSlackRequest.js";
import { jsonResponse, textResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";

const PHASE = "acknowledge-interaction";

export async function acknowledgeInteraction(
  request: InboundRequest,
  deps: AcknowledgeDeps,
): Promise<OutboundResponse> {
  const answered = startAnswer(deps, "interaction");
  // Slack shows nothing of a click's answer, so "try again" is an empty 200 here too; the count
  // says what happened.
  const refused = await checkSlackRequest(request, deps, PHASE, textResponse(200, ""));
  if (refused) return answered(refused.outcome, refused.response);
  const read = readInteractionForm(request.rawBody.toString("utf8"));
  if (!read.ok) return answered("rejected", rejectBadBody(deps.log, PHASE, read.reason));
  if (deps.answerView && isViewInteraction(read.payload)) {
    const view = await deps.answerView(read.payload);
    return answered(view.outcome, view.body === undefined ? textResponse(200, "") : jsonResponse(200, view.body));
  }
  const parsed = parseInteractionPayload(read.payload);
  if (!parsed.ok) return answered("rejected", rejectBadBody(deps.log, PHASE, parsed.reason));
  return answered(await answerInteraction(parsed.interaction, deps), textResponse(200, ""));
}
