// How a truck list is dressed for where it goes: shared in the channel, or replacing the message clicked.
import type { SlackMessage } from "../slack/blockKit.js";
import { ACTION_SHARE } from "../messages/actions.js";
import type { FulfilJob } from "./job.js";

export function shapeReply(message: SlackMessage, reply: NonNullable<FulfilJob["reply"]>): SlackMessage {
  let shaped = message;
  if (reply.inChannel) shaped = forChannel(shaped);
  if (reply.replaceOriginal) shaped = { ...shaped, replace_original: true };
  return shaped;
}

/** A Share: the same answer for the whole channel, without its own Share button. */
function forChannel(message: SlackMessage): SlackMessage {
  const blocks = message.blocks?.filter(
    (block) =>
      !(block.type === "actions" && block.elements.some((e) => "action_id" in e && e.action_id === ACTION_SHARE)),
  );
  return { ...message, response_type: "in_channel", ...(blocks ? { blocks } : {}) };
}
