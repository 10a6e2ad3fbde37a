// Decide what the user asked for from the text after the slash command.

import type { WorkRequest } from "../phase2/job.js";
import { canonicalTimeZone, readDays, readTime } from "../subscriptions/schedule.js";
import { MAX_PLACES_PER_DIGEST } from "../subscriptions/subscription.js";

/** Help, which phase 1 answers itself; a subscription command it could not read; or the work phase 2 is handed. */
export type CommandRequest =
  | { kind: "help" }
  | { kind: "usage"; problem: string }
  /** `settings`: the daily post modal, opened after the ack. */
  | { kind: "settings" }
  | Exclude<WorkRequest, { kind: "named-places" } | { kind: "remove-subscription" }>;

const HELP_WORDS = new Set(["help", "-h", "--help", "?"]);
const LIST_WORDS = new Set(["list", "places", "all"]);

export function interpretCommandText(text: string): CommandRequest {
  const query = text.trim();
  if (query === "") return { kind: "default" };
  const word = query.toLowerCase();
  if (HELP_WORDS.has(word)) return { kind: "help" };
  if (LIST_WORDS.has(word)) return { kind: "list" };
  if (word === "settings") return { kind: "settings" };
  const [first = "", ...restWords] = query.split(/\s+/);
  const rest = restWords.join(" ");
  switch (first.toLowerCase()) {
    case "daily":
      return interpretDaily(rest);
    case "follow":
      return rest
        ? { kind: "follow", truck: rest }
        : { kind: "usage", problem: "Which truck? e.g. `follow sol mexican`" };
    case "unfollow":
      return rest
        ? { kind: "unfollow", truck: rest }
        : { kind: "usage", problem: "Which truck? e.g. `unfollow sol mexican`" };
    case "following":
      return rest ? { kind: "places", query } : { kind: "following" };
  }
  return { kind: "places", query };
}

/** `daily`, `daily off`, or `daily HH:MM [days] [zone] places…` (days and zone in either order). */
function interpretDaily(rest: string): CommandRequest {
  if (rest === "") return { kind: "daily-list" };
  if (/^(off|stop|none|clear)$/i.test(rest)) return { kind: "daily-off" };
  const words = rest.split(/\s+/);
  // "11:30 am" as two words.
  if (words[1] && /^(am|pm)$/i.test(words[1])) words.splice(0, 2, `${words[0]}${words[1]}`);
  const time = readTime(words.shift() ?? "");
  if (!time) return { kind: "usage", problem: "Start with a time, e.g. `daily 11:30 farragut` (24-hour, or 11:30am)." };
  let days: ReturnType<typeof readDays>;
  let timeZone: string | undefined;
  for (;;) {
    const next = words[0];
    if (next === undefined) break;
    const twoWords = words.length > 1 ? `${next} ${words[1]}` : "";
    if (!days && twoWords.toLowerCase() === "every day") {
      days = readDays(twoWords);
      words.splice(0, 2);
    } else if (!days && readDays(next)) {
      days = readDays(next);
      words.shift();
    } else if (!timeZone && next.includes("/")) {
      timeZone = canonicalTimeZone(next);
      if (!timeZone)
        return { kind: "usage", problem: `“${next.slice(0, 64)}” is not a time zone I know, e.g. America/Chicago.` };
      words.shift();
    } else if (!timeZone && /^utc$/i.test(next)) {
      timeZone = "UTC";
      words.shift();
    } else break;
  }
  const places = words.join(" ").trim();
  if (!places) return { kind: "usage", problem: "Which places? e.g. `daily 11:30 farragut, franklin`" };
  if (places.split(/[,;]/).length > MAX_PLACES_PER_DIGEST) {
    return { kind: "usage", problem: `A digest can show at most ${MAX_PLACES_PER_DIGEST} places.` };
  }
  return { kind: "daily-add", time, places, ...(days ? { days } : {}), ...(timeZone ? { timeZone } : {}) };
}
