// The Home's and the settings modals' work after an answer, as it travels (JSON, checked on
// arrival): publish someone's Home, act on a click in it, open a modal for a shortcut or for
// `/foodtrucks settings`. A modal's trigger_id lasts 3 s, so these jobs open it before any read.
import type { Shortcut, ViewAction } from "../slack/viewInteraction.js";

export type HomeTask =
  /** app_home_opened, or after a saved modal: `viewHash` is the Home's they see, when known. */
  | { type: "publish"; viewHash?: string }
  /** A click in the Home tab: Unfollow, Remove, or a setup button. */
  | { type: "action"; action: ViewAction }
  | { type: "shortcut"; shortcut: Shortcut }
  /** `/foodtrucks settings`: the daily post modal for the channel it was typed in. */
  | { type: "settings"; triggerId: string; channelId?: string };

export interface HomeJob {
  kind: "home";
  teamId: string;
  userId: string;
  task: HomeTask;
}

/** Our own message, read defensively: only what the runner relies on. */
export function isHomeJob(value: unknown): value is HomeJob {
  if (value === null || typeof value !== "object") return false;
  const job = value as Partial<HomeJob>;
  const type = (job.task as { type?: unknown } | undefined)?.type;
  return (
    job.kind === "home" &&
    typeof job.teamId === "string" &&
    typeof job.userId === "string" &&
    (type === "publish" || type === "action" || type === "shortcut" || type === "settings")
  );
}
