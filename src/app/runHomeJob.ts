// A Home job, run after its answer: publish a Home, act on a click in it, or open a modal for a
// shortcut or `/foodtrucks settings`. Never retried: a trigger_id is spent after 3 s, and the
// next app_home_opened publishes the Home again.
import { handleHomeAction } from "../home/handleHomeAction.js";
import { handleHomeOpened } from "../home/handleHomeOpened.js";
import { handleShortcut, openSettings } from "../home/handleShortcut.js";
import type { Logger } from "../observe/log.js";
import type { HomeJob } from "../phase2/homeJob.js";
import type { HomeWiring } from "./wireHome.js";

export async function runHomeJob(job: HomeJob, home: HomeWiring | undefined, log: Logger): Promise<string> {
  const { teamId, userId, task } = job;
  if (!home) {
    log.warn("home job dropped: the Home is not set up here", { phase: "home", teamId, task: task.type });
    return "not-set-up";
  }
  const deps = home.depsFor(teamId);
  switch (task.type) {
    case "publish": {
      const opened = { teamId, userId, tab: "home", ...(task.viewHash ? { viewHash: task.viewHash } : {}) };
      const result = await handleHomeOpened(opened, deps);
      return result?.ok ? "published" : "not-published";
    }
    case "action":
      return handleHomeAction(task.action, deps);
    case "shortcut":
      return handleShortcut(task.shortcut, deps);
    case "settings":
      return openSettings(
        { triggerId: task.triggerId, teamId, ...(task.channelId ? { channelId: task.channelId } : {}) },
        deps,
      );
  }
}
