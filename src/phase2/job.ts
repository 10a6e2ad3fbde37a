// What phase 1 hands to phase 2. It must survive JSON (a Lambda async invoke carries it), and it
// holds the response_url, which is a secret: log the requestId, never the job.

/**
 * What to look up: a command's request (never help: phase 1 answers that itself), or places
 * named exactly (a menu choice, a Refresh).
 */
export type WorkRequest =
  | { kind: "list" }
  | { kind: "places"; query: string }
  | { kind: "default" }
  // `digest`: a Refresh of a digest post, re-rendered as the digest it was.
  | { kind: "named-places"; places: string[]; digest?: { timeZone?: string } };

/** Who asked, and where to answer: all phase 2 needs of a slash command or a click. */
export interface Asker {
  /** The slash command's name, e.g. "/foodtrucks" (logs). */
  command: string;
  /** Where the answer goes; unique per command, so it also keys the command's claim. */
  responseUrl: string;
  /** Named in a truck list ("asked by"). */
  userId: string;
  /** Logs. */
  teamId: string;
}

/** How the answer replaces or accompanies the message a button was clicked in. */
export interface ReplyStyle {
  /** Post for the whole channel even where the answer is normally only for the asker (Share). */
  inChannel?: boolean;
  /** Replace the message the button was in (Refresh). */
  replaceOriginal?: boolean;
  /** Remove the ephemeral message the button was in once the answer is posted (menu, Share). */
  deleteOriginal?: boolean;
}

export interface FulfilJob {
  requestId: string;
  /** When phase 1 received the command (epoch ms): response_url expires 30 minutes later. */
  receivedAtMs: number;
  /** Who asked, and the response_url to answer on: from the slash command, or from the click. */
  asker: Asker;
  request: WorkRequest;
  reply?: ReplyStyle;
}

/** Starts phase 2 without waiting for it: in-process locally, an async Lambda invoke on AWS. */
export type HandOff = (job: FulfilJob) => Promise<void>;
