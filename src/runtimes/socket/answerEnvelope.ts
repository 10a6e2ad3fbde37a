// Phase 1 for Socket Mode: an envelope's payload is the HTTP request's form as JSON, already
// authenticated by the socket, so it goes straight to the answer every runtime gives. The return
// value is the ack's payload: the message for a command, nothing for a click.
import { answerCommand, type AnswerDeps } from "../../phase1/answerCommand.js";
import { answerInteraction } from "../../phase1/answerInteraction.js";
import { parseInteractionPayload } from "../../slack/interaction.js";
import { parseSlashCommandPayload } from "../../slack/slashCommand.js";
import type { SocketModeEnvelope } from "./socketModeClient.js";

export function createEnvelopeAnswerer(deps: AnswerDeps): (envelope: SocketModeEnvelope) => Promise<unknown> {
  return async (envelope) => {
    if (envelope.type === "slash_commands") {
      const parsed = parseSlashCommandPayload(envelope.payload);
      if (parsed.ok) return (await answerCommand(parsed.command, deps)).message;
      // An empty ack: Slack would only re-send the same payload.
      deps.log.warn("request rejected", {
        phase: "acknowledge",
        reason: parsed.reason,
        envelopeId: envelope.envelopeId,
      });
      return undefined;
    }
    const parsed = parseInteractionPayload(envelope.payload);
    if (!parsed.ok) {
      deps.log.warn("request rejected", {
        phase: "acknowledge-interaction",
        reason: parsed.reason,
        envelopeId: envelope.envelopeId,
      });
      return undefined;
    }
    await answerInteraction(parsed.interaction, deps);
    return undefined; // clicks are acked empty: the answer goes to the response_url
  };
}
