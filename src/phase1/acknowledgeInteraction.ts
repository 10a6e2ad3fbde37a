// Phase 1 over HTTP for clicks in our messages (POST /slack/interactions): the same checks as a
// command (the signature is this route's gate), then the click is handled as every runtime does.
// Slack only needs an empty 200 within 3 seconds.
import { parseInteraction } from "../slack/interaction.js";
import { startAnswer, type AcknowledgeDeps } from "./acknowledge.js";
import { answerInteraction } from "./answerInteraction.js";
import { checkSlackRequest, rejectBadBody } from "./checkSlackRequest.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";

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
  const parsed = parseInteraction(request.rawBody.toString("utf8"));
  if (!parsed.ok) return answered("rejected", rejectBadBody(deps.log, PHASE, parsed.reason));
  return answered(await answerInteraction(parsed.interaction, deps), textResponse(200, ""));
}
