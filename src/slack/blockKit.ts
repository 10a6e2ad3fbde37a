// The shape of a message posted to Slack (phase 1 response body, or a POST to response_url / a webhook).
import type { KnownBlock } from "@slack/types";

export interface SlackMessage {
  /** Plain-text fallback: notifications, screen readers and clients that cannot show blocks. */
  text: string;
  blocks?: KnownBlock[];
  /** "ephemeral" (only the asker sees it) or "in_channel". Ignored by incoming webhooks. */
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
  delete_original?: boolean;
}
