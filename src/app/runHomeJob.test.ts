// A Home job whose modal Slack will not open (an expired trigger_id, a refused token, a network
// failure): docs/FAILURE_MODES.md promises "modal not opened" in the logs, no crash, and nothing
// saved or posted — for every way a modal is opened (settings command, shortcut, Home button).
import { describe, expect, it } from "vitest";
import { HOME_CHOOSE_PLACE, HOME_FOLLOW_TRUCK, HOME_SET_UP_DAILY } from "../home/homeActions.js";
import type { HomeDeps } from "../home/homeDeps.js";
import { FOOD_TRUCKS_SHORTCUT } from "../home/handleShortcut.js";
import { createLogger } from "../observe/log.js";
import type { HomeJob, HomeTask } from "../phase2/homeJob.js";
import { createViews } from "../slack/views.js";
import type { WebApiResult } from "../slack/webApi.js";
import { runHomeJob } from "./runHomeJob.js";

const refusals: [string, WebApiResult][] = [
  ["an expired trigger", { ok: false, kind: "failed", error: "expired_trigger_id" }],
  ["a refused token", { ok: false, kind: "auth", error: "invalid_auth" }],
  ["a network failure", { ok: false, kind: "failed", error: "connect ECONNREFUSED 127.0.0.1:9" }],
];

const openers: [string, HomeTask, string][] = [
  ["/foodtrucks settings", { type: "settings", triggerId: "trigger-1", channelId: "C1" }, "daily_post"],
  [
    "the Food trucks shortcut",
    {
      type: "shortcut",
      shortcut: {
        type: "shortcut",
        teamId: "T1",
        userId: "U1",
        callbackId: FOOD_TRUCKS_SHORTCUT,
        triggerId: "trigger-1",
      },
    },
    "my_place",
  ],
  ...[HOME_SET_UP_DAILY, HOME_FOLLOW_TRUCK, HOME_CHOOSE_PLACE].map((actionId): [string, HomeTask, string] => [
    `the Home's ${actionId} button`,
    {
      type: "action",
      action: {
        type: "view_action",
        teamId: "T1",
        userId: "U1",
        triggerId: "trigger-1",
        viewType: "home",
        viewHash: "hash-1",
        actionId,
      },
    },
    { [HOME_SET_UP_DAILY]: "daily_post", [HOME_FOLLOW_TRUCK]: "follow_truck", [HOME_CHOOSE_PLACE]: "my_place" }[
      actionId
    ]!,
  ]),
];

/** Home deps whose views.open gets `refusal`; every other call (a save, a post, a read) is recorded. */
function refusingDeps(refusal: WebApiResult) {
  const calls: string[] = [];
  const lines: string[] = [];
  const record =
    <T>(name: string, answer: T) =>
    async () => {
      calls.push(name);
      return answer;
    };
  const deps: HomeDeps = {
    views: createViews(async (method) => {
      calls.push(method);
      return method === "views.open" ? refusal : { ok: true, answer: { view: { id: "V1", hash: "h" } } };
    }),
    postMessage: record("chat.postMessage", { ok: true as const }),
    places: {
      get: record("places.get", undefined),
      set: record("places.set", undefined),
      clear: record("places.clear", false),
      forgetTeam: record("places.forgetTeam", 0),
    },
    subscriptions: {
      store: {
        add: record("subscriptions.add", "added" as const),
        remove: record("subscriptions.remove", []),
        digestsOf: record("subscriptions.digestsOf", []),
        digestsSetBy: record("subscriptions.digestsSetBy", []),
        followsOf: record("subscriptions.followsOf", []),
        at: record("subscriptions.at", []),
        timeZones: record("subscriptions.timeZones", []),
      },
      defaultTimeZone: "America/New_York",
      followTime: "10:30",
    },
    readTracker: record("readTracker", { ok: false as const, reason: "not read in this test" } as never),
    commandName: "/foodtrucks",
    now: () => Date.UTC(2026, 11, 3, 15),
    log: createLogger((line) => lines.push(line)),
  };
  return { deps, calls, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("a Home job whose modal Slack does not open", () => {
  for (const [refusalName, refusal] of refusals) {
    for (const [openerName, task, modal] of openers) {
      it(`${openerName}, on ${refusalName}: logs "modal not opened", does not throw, saves and posts nothing`, async () => {
        const { deps, calls, logs } = refusingDeps(refusal);
        const job: HomeJob = { kind: "home", teamId: "T1", userId: "U1", task };

        await expect(runHomeJob(job, { depsFor: () => deps, places: deps.places }, deps.log)).resolves.toBe(
          "not-opened",
        );

        expect(calls).toEqual(["views.open"]);
        expect(logs()).toEqual([
          expect.objectContaining({
            level: "warn",
            msg: "modal not opened",
            teamId: "T1",
            modal,
            error: refusal.ok ? "" : refusal.error,
          }),
        ]);
      });
    }
  }
});
