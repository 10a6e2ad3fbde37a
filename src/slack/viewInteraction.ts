// Parse the interactions that come from views rather than messages: a modal's `view_submission`,
// an external select's `block_suggestion` (the options load URL), a click in the Home tab
// (`block_actions` in a view, which has a trigger_id and no response_url) and a global `shortcut`.
// Each is the JSON of the form's `payload` field over HTTP, or a Socket Mode envelope's payload.
// Message clicks stay with interaction.ts.

/** What someone chose or typed in one input: option values, a conversation, a time, text; in order. */
export type FieldValues = Record<string, Record<string, string[]>>;

export interface ViewSubmission {
  type: "view_submission";
  userId: string;
  teamId: string;
  callbackId: string;
  viewId: string;
  privateMetadata: string;
  /** block_id → action_id → what was entered (empty when nothing was). */
  values: FieldValues;
}

export interface BlockSuggestion {
  type: "block_suggestion";
  userId: string;
  teamId: string;
  actionId: string;
  blockId: string;
  /** What the person has typed so far. */
  query: string;
  /** The modal's callback_id, when the menu is in a modal. */
  callbackId: string;
}

export interface ViewAction {
  type: "view_action";
  userId: string;
  teamId: string;
  triggerId: string;
  /** "home" for the Home tab, "modal" for a modal. */
  viewType: string;
  /** The view's hash, to publish over it only if it is still the one shown. */
  viewHash: string;
  actionId: string;
  value?: string;
}

export interface Shortcut {
  type: "shortcut";
  userId: string;
  teamId: string;
  callbackId: string;
  triggerId: string;
}

export type ViewInteraction = ViewSubmission | BlockSuggestion | ViewAction | Shortcut;

export type ViewInteractionParseResult = { ok: true; interaction: ViewInteraction } | { ok: false; reason: string };

/** The interaction types this file parses; interaction.ts handles the rest. */
export function isViewInteraction(payload: unknown): boolean {
  if (!isObject(payload)) return false;
  if (payload.type === "block_actions") return isObject(payload.view) && !payload.response_url;
  return payload.type === "view_submission" || payload.type === "block_suggestion" || payload.type === "shortcut";
}

export function parseViewInteraction(payload: unknown): ViewInteractionParseResult {
  if (!isObject(payload)) return { ok: false, reason: "payload is not an object" };
  const user = isObject(payload.user) ? payload.user : {};
  const team = isObject(payload.team) ? payload.team : {};
  const view = isObject(payload.view) ? payload.view : {};
  const userId = text(user.id);
  // Enterprise Grid org-wide apps may send team: null; the user's team still names it.
  const teamId = text(team.id) || text(user.team_id);
  if (!userId) return { ok: false, reason: "missing field: user.id" };
  if (!teamId) return { ok: false, reason: "missing field: team.id" };
  const who = { userId, teamId };

  switch (payload.type) {
    case "view_submission": {
      const viewId = text(view.id);
      if (!viewId) return { ok: false, reason: "missing field: view.id" };
      const state = isObject(view.state) ? view.state : {};
      return {
        ok: true,
        interaction: {
          type: "view_submission",
          ...who,
          callbackId: text(view.callback_id),
          viewId,
          privateMetadata: text(view.private_metadata),
          values: fieldValues(state.values),
        },
      };
    }
    case "block_suggestion": {
      const actionId = text(payload.action_id);
      if (!actionId) return { ok: false, reason: "missing field: action_id" };
      return {
        ok: true,
        interaction: {
          type: "block_suggestion",
          ...who,
          actionId,
          blockId: text(payload.block_id),
          query: text(payload.value),
          callbackId: text(view.callback_id),
        },
      };
    }
    case "block_actions": {
      const triggerId = text(payload.trigger_id);
      const first: unknown = Array.isArray(payload.actions) ? (payload.actions as unknown[])[0] : undefined;
      if (!triggerId) return { ok: false, reason: "missing field: trigger_id" };
      if (!isObject(first) || !text(first.action_id)) return { ok: false, reason: "missing field: actions" };
      return {
        ok: true,
        interaction: {
          type: "view_action",
          ...who,
          triggerId,
          viewType: text(view.type),
          viewHash: text(view.hash),
          actionId: text(first.action_id),
          ...(typeof first.value === "string" ? { value: first.value } : {}),
        },
      };
    }
    case "shortcut": {
      const triggerId = text(payload.trigger_id);
      const callbackId = text(payload.callback_id);
      if (!triggerId) return { ok: false, reason: "missing field: trigger_id" };
      if (!callbackId) return { ok: false, reason: "missing field: callback_id" };
      return { ok: true, interaction: { type: "shortcut", ...who, callbackId, triggerId } };
    }
    default:
      return { ok: false, reason: "unsupported interaction type" };
  }
}

/** view.state.values: each input's chosen options, conversation, time, checkboxes or text, as strings. */
function fieldValues(values: unknown): FieldValues {
  const result: FieldValues = {};
  if (!isObject(values)) return result;
  for (const [blockId, actions] of Object.entries(values)) {
    if (!isObject(actions)) continue;
    const block: Record<string, string[]> = {};
    for (const [actionId, state] of Object.entries(actions)) {
      if (isObject(state)) block[actionId] = stateValues(state);
    }
    result[blockId] = block;
  }
  return result;
}

function stateValues(state: Record<string, unknown>): string[] {
  const one = (value: unknown) => (typeof value === "string" && value !== "" ? [value] : []);
  if (isObject(state.selected_option)) return one(state.selected_option.value);
  if (Array.isArray(state.selected_options))
    return (state.selected_options as unknown[]).flatMap((option) => (isObject(option) ? one(option.value) : []));
  for (const field of ["selected_conversation", "selected_channel", "selected_user", "selected_time", "value"])
    if (field in state) return one(state[field]);
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
