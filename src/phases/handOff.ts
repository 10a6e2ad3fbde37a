// What phase 1 hands to phase 2. It must survive JSON (a Lambda async invoke carries it), and it
// holds the response_url, which is a secret: log the requestId, never the job.
import type { CommandRequest } from "../slack/commandText.js";
import type { SlashCommand } from "../slack/slashCommand.js";

export interface FulfilJob {
  requestId: string;
  /** When phase 1 received the command (epoch ms): response_url expires 30 minutes later. */
  receivedAtMs: number;
  command: SlashCommand;
  request: CommandRequest;
}

/** Starts phase 2 without waiting for it: in-process locally, an async Lambda invoke on AWS. */
export type HandOff = (job: FulfilJob) => Promise<void>;
