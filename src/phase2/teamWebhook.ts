// The team channel's incoming webhook, where truck lists go when one is set.
import { describeFailure } from "../observe/describeFailure.js";
import type { LogFields } from "../observe/log.js";
import { deliverToWebhook, type Deliver } from "../slack/deliverMessage.js";
import type { FulfilDeps } from "./fulfilDeps.js";

/** Posts to a webhook with only the webhook's own host allowed. */
export const toWebhook: Deliver = (url, message, share) => deliverToWebhook(url, message, {}, share);

/** The team channel's webhook, if any; one that cannot be read is logged, and the asker answered instead. */
export async function teamWebhookUrl(deps: FulfilDeps, logFields: LogFields): Promise<string | undefined> {
  if (typeof deps.webhookUrl !== "function") return deps.webhookUrl;
  try {
    return await deps.webhookUrl();
  } catch (error) {
    deps.log.error("team webhook unavailable, answering in the asker's channel", {
      ...logFields,
      ...describeFailure(error),
    });
    return undefined;
  }
}
