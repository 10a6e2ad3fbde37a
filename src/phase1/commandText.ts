// Decide what the user asked for from the text after the slash command.

import type { WorkRequest } from "../phase2/job.js";

/** Help, which phase 1 answers itself, or the work phase 2 is handed. */
export type CommandRequest = { kind: "help" } | Exclude<WorkRequest, { kind: "named-places" }>;

const HELP_WORDS = new Set(["help", "-h", "--help", "?"]);
const LIST_WORDS = new Set(["list", "places", "all"]);

export function interpretCommandText(text: string): CommandRequest {
  const query = text.trim();
  if (query === "") return { kind: "default" };
  const word = query.toLowerCase();
  if (HELP_WORDS.has(word)) return { kind: "help" };
  if (LIST_WORDS.has(word)) return { kind: "list" };
  return { kind: "places", query };
}
