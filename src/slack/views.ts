// Slack's views methods: the Home tab (views.publish) and modals (views.open with a trigger_id,
// which Slack accepts for 3 s after the click; views.update). A Home published with the hash of the
// view it replaces is refused with `hash_conflict` when another update got there first.
import type { HomeView, ModalView } from "@slack/types";
import type { CallWebApi, PostFailureKind } from "./webApi.js";

export type ViewResult =
  | { ok: true; viewId: string; hash: string }
  | { ok: false; kind: PostFailureKind; error: string; hashConflict: boolean };

export interface Views {
  /** Publishes `userId`'s Home; with `hash`, only if the Home is still the view that hash names. */
  publish(userId: string, view: HomeView, hash?: string): Promise<ViewResult>;
  /** Opens a modal for the click or command that gave `triggerId`. */
  open(triggerId: string, view: ModalView): Promise<ViewResult>;
  /** Replaces an open modal. */
  update(viewId: string, view: ModalView, hash?: string): Promise<ViewResult>;
}

export function createViews(call: CallWebApi): Views {
  const send = async (method: string, body: Record<string, unknown>): Promise<ViewResult> => {
    const result = await call(method, body);
    if (!result.ok) return { ...result, hashConflict: result.error === "hash_conflict" };
    const view = result.answer.view;
    const fields = view !== null && typeof view === "object" ? (view as Record<string, unknown>) : {};
    return {
      ok: true,
      viewId: typeof fields.id === "string" ? fields.id : "",
      hash: typeof fields.hash === "string" ? fields.hash : "",
    };
  };
  return {
    publish: (userId, view, hash) => send("views.publish", { user_id: userId, view, ...(hash ? { hash } : {}) }),
    open: (triggerId, view) => send("views.open", { trigger_id: triggerId, view }),
    update: (viewId, view, hash) => send("views.update", { view_id: viewId, view, ...(hash ? { hash } : {}) }),
  };
}
