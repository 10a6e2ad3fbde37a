// Phase 1 over HTTP for clicks in our messages (POST /slack/interactions): the same checks as a
// command (the signature is this route's gate), then the click is handled as every runtime does.
// Slack only needs an empty 200 within 3 seconds.
import { parseInteraction } from "../slack/interaction.js";
import type { AcknowledgeDeps } from "./acknowledge.js";
import { answerInteraction } from "./answerInteraction.js";
import { checkSlackRequest, rejectBadBody } from "./checkSlackRequest.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";

const PHASE = "acknowledge-interaction";

export async function acknowledgeInteraction(
  request: InboundRequest,
  deps: AcknowledgeDeps,
): Promise<OutboundResponse> {
  const refused = checkSlackRequest(request, deps, PHASE);
  if (refused) return refused;
  const parsed = parseInteraction(request.rawBody.toString("utf8"));
  if (!parsed.ok) return rejectBadBody(deps.log, PHASE, parsed.reason);
  await answerInteraction(parsed.interaction, deps);
  return textResponse(200, "");
}
