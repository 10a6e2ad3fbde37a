// Phase 1 for the interactions that come from views. A modal's submission and an external
// select's options are answered in the response itself (Slack waits 3 s for them), so they read
// the store and the cached tracker here, within a deadline; the Home's republish after a saved
// submission, a click in the Home and a shortcut are handed off as jobs (they call Slack).
import { handleBlockSuggestion } from "../home/handleBlockSuggestion.js";
import { handleViewSubmission } from "../home/handleViewSubmission.js";
import { describeFailure } from "../observe/describeFailure.js";
import type { Logger } from "../observe/log.js";
import type { ViewAnswer } from "../phase1/answerCommand.js";
import type { HomeJob } from "../phase2/homeJob.js";
import { parseViewInteraction } from "../slack/viewInteraction.js";
import type { HomeWiring } from "./wireHome.js";

export function createViewAnswerer(
  home: HomeWiring,
  handOff: (job: HomeJob) => Promise<void>,
  log: Logger,
): (payload: unknown) => Promise<ViewAnswer> {
  const later = async (job: HomeJob): Promise<ViewAnswer> => {
    try {
      await handOff(job);
      return { outcome: "handed-off" };
    } catch (error) {
      log.error("hand-off failed", {
        phase: "home",
        teamId: job.teamId,
        task: job.task.type,
        ...describeFailure(error),
      });
      return { outcome: "hand-off-failed" };
    }
  };
  return async (payload) => {
    const parsed = parseViewInteraction(payload);
    if (!parsed.ok) {
      log.warn("request rejected", { phase: "home", reason: parsed.reason });
      return { outcome: "rejected" };
    }
    const interaction = parsed.interaction;
    const who = { kind: "home" as const, teamId: interaction.teamId, userId: interaction.userId };
    switch (interaction.type) {
      case "view_submission": {
        const answer = await handleViewSubmission(interaction, home.depsFor(interaction.teamId));
        // Saved: the Home is published again after the answer, from a job.
        if (!answer.body) await later({ ...who, task: { type: "publish" } });
        return { outcome: "answered", ...(answer.body ? { body: answer.body } : {}) };
      }
      case "block_suggestion":
        return {
          outcome: "answered",
          body: await handleBlockSuggestion(interaction, home.depsFor(interaction.teamId)),
        };
      case "view_action":
        // Only the Home's buttons; a modal's inputs are read when it is submitted.
        if (interaction.viewType !== "home") return { outcome: "ignored" };
        return later({ ...who, task: { type: "action", action: interaction } });
      case "shortcut":
        return later({ ...who, task: { type: "shortcut", shortcut: interaction } });
    }
  };
}
