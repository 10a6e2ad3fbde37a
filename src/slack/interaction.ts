// Parse what Slack sends when someone uses a button or menu in one of our messages: over HTTP a
// form body whose `payload` field is JSON, over Socket Mode that JSON as the envelope's payload.
// Only `block_actions` concern us; anything else is refused.
import { isHttpUrl, isWellFormedForm } from "./formBody.js";

export interface BlockAction {
  actionId: string;
  /** A button's value. */
  value?: string;
  /** A select menu's chosen option value. */
  selectedValue?: string;
}

export interface Interaction {
  userId: string;
  /** The workspace the action happened in, or the enterprise for an org-wide install: as a command's (slashCommand.ts). */
  teamId: string;
  responseUrl: string;
  /** The channel the clicked message is in, when Slack says. */
  channelId?: string;
  /** True when the clicked message is ephemeral (only the clicker sees it). */
  fromEphemeral: boolean;
  action: BlockAction;
}

export type InteractionParseResult = { ok: true; interaction: Interaction } | { ok: false; reason: string };

/** A block_actions payload is a few KB; anything far bigger is not one of ours. */
const MAX_PAYLOAD_CHARS = 30_000;

export function parseInteraction(rawBody: string): InteractionParseResult {
  const read = readInteractionForm(rawBody);
  return read.ok ? parseInteractionPayload(read.payload) : read;
}

/** The JSON of the form's `payload` field, whatever the interaction (viewInteraction.ts parses the view ones). */
export function readInteractionForm(rawBody: string): { ok: true; payload: unknown } | { ok: false; reason: string } {
  if (!isWellFormedForm(rawBody)) return { ok: false, reason: "malformed form body" };
  const payloadText = new URLSearchParams(rawBody).get("payload");
  if (!payloadText) return { ok: false, reason: "missing field: payload" };
  if (payloadText.length > MAX_PAYLOAD_CHARS) return { ok: false, reason: "payload too large" };
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return { ok: false, reason: "payload is not JSON" };
  }
  return { ok: true, payload };
}

/** The interaction itself: the JSON in the form's `payload` field, or a Socket Mode envelope's payload. */
export function parseInteractionPayload(payload: unknown): InteractionParseResult {
  if (!isObject(payload)) return { ok: false, reason: "payload is not an object" };
  if (payload.type !== "block_actions") return { ok: false, reason: "unsupported interaction type" };

  const user = isObject(payload.user) ? payload.user : {};
  const team = isObject(payload.team) ? payload.team : {};
  const container = isObject(payload.container) ? payload.container : {};
  const channelId = text(isObject(payload.channel) ? payload.channel.id : undefined) || text(container.channel_id);
  const userId = text(user.id);
  // Org-wide installs are keyed by their enterprise, as commands are (and `team` may be null there).
  // Never the user's home team: in another workspace of the grid it is not where the action was.
  const enterprise = isObject(payload.enterprise) ? payload.enterprise : {};
  const teamId = (payload.is_enterprise_install === true && text(enterprise.id)) || text(team.id);
  const responseUrl = text(payload.response_url);
  const first: unknown = Array.isArray(payload.actions) ? (payload.actions as unknown[])[0] : undefined;
  if (!userId) return { ok: false, reason: "missing field: user.id" };
  if (!teamId) return { ok: false, reason: "missing field: team.id" };
  if (!responseUrl || !isHttpUrl(responseUrl)) return { ok: false, reason: "missing or invalid field: response_url" };
  if (!isObject(first) || !text(first.action_id)) return { ok: false, reason: "missing field: actions" };

  const selected = isObject(first.selected_option) ? text(first.selected_option.value) : "";
  return {
    ok: true,
    interaction: {
      userId,
      teamId,
      responseUrl,
      ...(channelId ? { channelId } : {}),
      fromEphemeral: container.is_ephemeral === true,
      action: {
        actionId: text(first.action_id),
        ...(typeof first.value === "string" ? { value: first.value } : {}),
        ...(selected ? { selectedValue: selected } : {}),
      },
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
