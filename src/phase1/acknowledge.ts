// Phase 1 over HTTP (POST /slack/commands): within Slack's 3 seconds, check the request is Slack's
// (the signature is this route's gate), parse the form, then answer as every runtime does.
import { answerCommand, type AnswerDeps } from "./answerCommand.js";
import { parseSlashCommand } from "../slack/slashCommand.js";
import { checkSlackRequest, rejectBadBody } from "./checkSlackRequest.js";
import { jsonResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";

export interface AcknowledgeDeps extends AnswerDeps {
  signingSecret: string;
}

export async function acknowledge(request: InboundRequest, deps: AcknowledgeDeps): Promise<OutboundResponse> {
  const refused = checkSlackRequest(request, deps, "acknowledge");
  if (refused) return refused;
  const parsed = parseSlashCommand(request.rawBody.toString("utf8"));
  if (!parsed.ok) return rejectBadBody(deps.log, "acknowledge", parsed.reason);
  return jsonResponse(200, await answerCommand(parsed.command, deps));
}
