// Phase 1 over HTTP (POST /slack/commands): within Slack's 3 seconds, check the request is Slack's
// (the signature is this route's gate), parse the form, then answer as every runtime does.
import { tryAgainMessage } from "../messages/messages.js";
import { noMetrics, type Metrics } from "../observe/metrics.js";
import { parseSlashCommand } from "../slack/slashCommand.js";
import { answerCommand, type AnswerDeps } from "./answerCommand.js";
import { checkSlackRequest, rejectBadBody, type SigningSecret } from "./checkSlackRequest.js";
import { jsonResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";
import { recordRequest, type RequestOutcome, type Route } from "./requestMetrics.js";

export interface AcknowledgeDeps extends AnswerDeps {
  /** Fetched only for a request that passed every check needing no secret. */
  signingSecret: SigningSecret;
  /** Requests by route and outcome, and ack time; nothing by default. */
  metrics?: Metrics | undefined;
}

export async function acknowledge(request: InboundRequest, deps: AcknowledgeDeps): Promise<OutboundResponse> {
  const answered = startAnswer(deps, "command");
  const refused = await checkSlackRequest(request, deps, "acknowledge", jsonResponse(200, tryAgainMessage()));
  if (refused) return answered(refused.outcome, refused.response);
  const parsed = parseSlashCommand(request.rawBody.toString("utf8"));
  if (!parsed.ok) return answered("rejected", rejectBadBody(deps.log, "acknowledge", parsed.reason));
  const { outcome, message } = await answerCommand(parsed.command, deps);
  return answered(outcome, jsonResponse(200, message));
}

/** Counts the request once it is answered: its outcome, and how long the answer took. */
export function startAnswer(deps: AcknowledgeDeps, route: Route) {
  const started = performance.now();
  return (outcome: RequestOutcome, response: OutboundResponse): OutboundResponse => {
    recordRequest(deps.metrics ?? noMetrics, route, outcome, performance.now() - started);
    return response;
  };
}
