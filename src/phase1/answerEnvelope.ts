// Phase 1 for a request Slack sent already authenticated (a Socket Mode envelope: the payload is
// the HTTP request's form as JSON): parsed, then answered as over HTTP. The return value is the
// ack's payload: the message for a command, nothing for a click.
import { parseInteractionPayload } from "../slack/interaction.js";
import { parseSlashCommandPayload } from "../slack/slashCommand.js";
import { isViewInteraction } from "../slack/viewInteraction.js";
import { answerCommand, type AnswerDeps } from "./answerCommand.js";
import { answerInteraction } from "./answerInteraction.js";

/** Answers one envelope's payload; `envelopeId` names it in logs. */
export type EnvelopeAnswer = (payload: unknown, deps: AnswerDeps, envelopeId: string) => Promise<unknown>;

export const answerCommandEnvelope: EnvelopeAnswer = async (payload, deps, envelopeId) => {
  const parsed = parseSlashCommandPayload(payload);
  if (parsed.ok) return (await answerCommand(parsed.command, deps)).message;
  // An empty ack: Slack would only re-send the same payload.
  deps.log.warn("request rejected", { phase: "acknowledge", reason: parsed.reason, envelopeId });
  return undefined;
};

export const answerInteractionEnvelope: EnvelopeAnswer = async (payload, deps, envelopeId) => {
  // A modal's submission or options: the ack's payload is Slack's answer (errors, options).
  if (deps.answerView && isViewInteraction(payload)) return (await deps.answerView(payload)).body;
  const parsed = parseInteractionPayload(payload);
  if (!parsed.ok) {
    deps.log.warn("request rejected", { phase: "acknowledge-interaction", reason: parsed.reason, envelopeId });
    return undefined;
  }
  await answerInteraction(parsed.interaction, deps);
  return undefined; // clicks are acked empty: the answer goes to the response_url
};
