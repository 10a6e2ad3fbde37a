// `slacktrux due [--at ISO-8601]`: what a tick at that minute would post — the DIGESTS entries and
// the subscriptions made from Slack that are due — without posting anything: to check a schedule
// before it runs. Added by docs/ARCHITECTURE.md's "Add a sub-command" recipe, as its proof.
import type { Env } from "../config/env.js";
import { readAtFlag } from "./atFlag.js";
import { silentLogger } from "../observe/log.js";
import { createLocalApp } from "../runtimes/local/localApp.js";

export interface DueOptions {
  /** --at, as typed. */
  at?: string | undefined;
  env: Env;
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runDueCommand(options: DueOptions): Promise<number> {
  const at = readAtFlag(options.at);
  if (typeof at === "string") {
    options.err(at);
    return 2;
  }
  const { app, close } = createLocalApp(options.env, { log: silentLogger });
  const due = await app.duePosts(at).finally(close);
  const lines = [
    ...due.digests.map((digest) => `digest ${digest.name ?? "unnamed"}: ${digest.places.join(", ")}`),
    ...due.subscriptions.map((subscription) =>
      subscription.kind === "digest"
        ? `channel digest ${subscription.id} in ${subscription.channelId}: ${subscription.places.join(", ")}`
        : `follow ${subscription.id} of ${subscription.truck} for ${subscription.userId}`,
    ),
  ];
  options.out(`${due.minute}: ${lines.length} due${lines.length ? "\n" + lines.join("\n") : ""}`);
  return 0;
}
