// The Home tab and the settings modals through their handlers, against a loopback stand-in for
// Slack's Web API and a real SQL subscription store (the local runtime's SQLite): what is published, opened, answered and
// saved, and what is not.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleBlockSuggestion } from "../../src/home/handleBlockSuggestion.js";
import { handleHomeAction } from "../../src/home/handleHomeAction.js";
import { handleHomeOpened } from "../../src/home/handleHomeOpened.js";
import { handleShortcut, openSettings } from "../../src/home/handleShortcut.js";
import { handleViewSubmission } from "../../src/home/handleViewSubmission.js";
import { HOME_REMOVE_DAILY, HOME_SET_UP_DAILY, HOME_UNFOLLOW, removeValue } from "../../src/home/homeActions.js";
import type { HomeDeps } from "../../src/home/homeDeps.js";
import { createMemoryUserPlaceStore } from "../../src/home/userPlaceStore.js";
import { silentLogger } from "../../src/observe/log.js";
import type { TrackerRead } from "../../src/phase2/readTracker.js";
import type { ViewAction, ViewSubmission } from "../../src/slack/viewInteraction.js";
import { createViews } from "../../src/slack/views.js";
import { createPostMessage, createWebApi } from "../../src/slack/webApi.js";
import { createSqlSubscriptionStore } from "../../src/storage/sqlSubscriptionStore.js";
import { openTempSqlite, type TempSqlite } from "../helpers/sqlite.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";

const listings = [
  { place: "DC - Farragut Square", trucks: [{ name: "Sol Mexican Grill", url: null }] },
  { place: "DC - Union Station", trucks: [{ name: "TaKorean", url: null }] },
];

let slack: SlackWebApiStub;
let database: TempSqlite;
let trackerReads: number;
let tracker: TrackerRead;
let deps: HomeDeps;

beforeAll(async () => {
  slack = await startSlackWebApiStub();
});
afterAll(() => slack.close());

beforeEach(() => {
  database = openTempSqlite();
  slack.requests.length = 0;
  slack.refuse.clear();
  slack.viewErrors.clear();
  trackerReads = 0;
  tracker = {
    ok: true,
    snapshot: { listings, sourceUrl: "https://tracker.example/", fetchedAt: new Date("2026-12-03T16:00:00Z") },
    fetchMs: 1,
  };
  const api = { apiUrl: slack.apiUrl, token: TEST_BOT_TOKEN };
  deps = {
    views: createViews(createWebApi(api)),
    postMessage: createPostMessage(api),
    places: createMemoryUserPlaceStore(),
    subscriptions: {
      store: createSqlSubscriptionStore(database.db, silentLogger),
      defaultTimeZone: "America/New_York",
      followTime: "10:30",
    },
    readTracker: async () => {
      trackerReads += 1;
      return tracker;
    },
    defaultPlace: "union",
    commandName: "/foodtrucks",
    now: () => Date.UTC(2026, 11, 3, 15),
    log: silentLogger,
  };
});
afterEach(() => database.dispose());

const user = { teamId: "T1", userId: "U1" };
const published = () => slack.calls("views.publish");
const lastHome = () => JSON.stringify(published().at(-1)?.view);

const click = (actionId: string, value?: string): ViewAction => ({
  type: "view_action",
  ...user,
  triggerId: "trigger-1",
  viewType: "home",
  viewHash: "hash-shown",
  actionId,
  ...(value !== undefined ? { value } : {}),
});

const submission = (callbackId: string, values: ViewSubmission["values"]): ViewSubmission => ({
  type: "view_submission",
  ...user,
  callbackId,
  viewId: "V9",
  privateMetadata: "",
  values,
});

const dailyPost = (places: string[], channel = "C1") =>
  submission("daily_post", {
    daily_channel: { channel: [channel] },
    daily_time: { time: ["11:30"] },
    daily_days: { days: ["mon", "tue", "wed", "thu", "fri"] },
    daily_places: { places },
  });

describe("the Home tab", () => {
  it("is published on app_home_opened over the Home the user sees, with the follows and the default place", async () => {
    await handleViewSubmission(submission("follow_truck", { follow_truck: { truck: ["Sol Mexican Grill"] } }), deps);
    const result = await handleHomeOpened({ ...user, tab: "home", viewHash: "hash-0" }, deps);
    expect(result).toMatchObject({ ok: true });
    expect(published()).toHaveLength(1);
    expect(published()[0]).toMatchObject({ user_id: "U1", hash: "hash-0", view: { type: "home" } });
    expect(lastHome()).toContain("*Sol Mexican Grill* — out today at DC - Farragut Square");
    expect(lastHome()).toContain(HOME_UNFOLLOW);
    expect(lastHome()).toContain("*DC - Union Station* (this workspace's place");
    expect(lastHome()).toContain("TaKorean");
  });

  it("is not drawn for the Messages tab", async () => {
    expect(await handleHomeOpened({ ...user, tab: "messages" }, deps)).toBeUndefined();
    expect(published()).toHaveLength(0);
  });

  it("Unfollow removes the follow and republishes over the Home clicked, without it", async () => {
    await handleViewSubmission(submission("follow_truck", { follow_truck: { truck: ["Sol Mexican Grill"] } }), deps);
    const [follow] = await deps.subscriptions.store.followsOf("T1", "U1");
    expect(await handleHomeAction(click(HOME_UNFOLLOW, removeValue({ id: follow!.id, ownerId: "U1" })), deps)).toBe(
      "removed",
    );
    expect(await deps.subscriptions.store.followsOf("T1", "U1")).toEqual([]);
    expect(published().at(-1)).toMatchObject({ hash: "hash-shown" });
    expect(lastHome()).not.toContain("Sol Mexican Grill*");
    expect(lastHome()).toContain("You follow no trucks yet");
  });

  it("an Unfollow naming someone else's follow removes nothing", async () => {
    await handleViewSubmission(submission("follow_truck", { follow_truck: { truck: ["TaKorean"] } }), deps);
    const [follow] = await deps.subscriptions.store.followsOf("T1", "U1");
    const forged = { ...click(HOME_UNFOLLOW, removeValue({ id: follow!.id, ownerId: "U1" })), userId: "U2" };
    expect(await handleHomeAction(forged, deps)).toBe("not-removed");
    expect(await deps.subscriptions.store.followsOf("T1", "U1")).toHaveLength(1);
  });

  it("on hash_conflict, reads the state afresh and publishes again; gives up after two more tries", async () => {
    slack.viewErrors.set("views.publish", ["hash_conflict"]);
    expect(await handleHomeOpened({ ...user, tab: "home", viewHash: "stale" }, deps)).toMatchObject({ ok: true });
    expect(published().map((call) => call.hash)).toEqual(["stale", undefined]);
    expect(trackerReads).toBe(2);

    slack.requests.length = 0;
    slack.viewErrors.set("views.publish", ["hash_conflict", "hash_conflict", "hash_conflict", "hash_conflict"]);
    expect(await handleHomeOpened({ ...user, tab: "home", viewHash: "stale" }, deps)).toMatchObject({
      ok: false,
      hashConflict: true,
    });
    expect(published()).toHaveLength(3);
  });

  it("shows the tracker's problem and the rest when the tracker cannot be read", async () => {
    tracker = { ok: false, kind: "unreachable", problem: "The tracker can't be reached.", detail: "x" };
    await handleHomeOpened({ ...user, tab: "home" }, deps);
    expect(lastHome()).toContain("The tracker can't be reached.");
    expect(lastHome()).toContain("home_set_up_daily");
  });
});

describe("the settings modals", () => {
  it("the Home's buttons open their modal with the click's trigger_id, before any tracker read", async () => {
    expect(await handleHomeAction(click(HOME_SET_UP_DAILY), deps)).toBe("opened");
    expect(await handleHomeAction(click("home_follow_truck"), deps)).toBe("opened");
    expect(await handleHomeAction(click("home_choose_place"), deps)).toBe("opened");
    expect(trackerReads).toBe(0);
    const opened = slack.calls("views.open");
    expect(opened.map((call) => call.trigger_id)).toEqual(["trigger-1", "trigger-1", "trigger-1"]);
    expect(opened.map((call) => (call.view as { callback_id: string }).callback_id)).toEqual([
      "daily_post",
      "follow_truck",
      "my_place",
    ]);
  });

  it("an expired trigger is logged, not thrown", async () => {
    slack.viewErrors.set("views.open", ["expired_trigger_id"]);
    expect(await handleHomeAction(click(HOME_SET_UP_DAILY), deps)).toBe("not-opened");
  });

  it("the Food trucks shortcut opens the place picker; /foodtrucks settings the daily post for its channel", async () => {
    const shortcut = { type: "shortcut" as const, ...user, triggerId: "t-s", callbackId: "food_trucks" };
    expect(await handleShortcut(shortcut, deps)).toBe("opened");
    expect(await handleShortcut({ ...shortcut, callbackId: "other" }, deps)).toBe("ignored");
    expect(await openSettings({ triggerId: "t-c", teamId: "T1", channelId: "C7" }, deps)).toBe("opened");
    const [place, daily] = slack.calls("views.open");
    expect(place).toMatchObject({ trigger_id: "t-s", view: { callback_id: "my_place" } });
    expect(daily).toMatchObject({ trigger_id: "t-c", view: { callback_id: "daily_post" } });
    expect(JSON.stringify(daily)).toContain('"initial_conversation":"C7"');
  });

  it("place and truck menus load today's names as the person types", async () => {
    const suggest = (actionId: string, query: string) =>
      handleBlockSuggestion(
        { type: "block_suggestion", ...user, actionId, blockId: "b", query, callbackId: "daily_post" },
        deps,
      );
    expect((await suggest("places", "farr")).options.map((o) => o.value)).toEqual(["DC - Farragut Square"]);
    expect((await suggest("truck", "")).options.map((o) => o.value)).toEqual(["Sol Mexican Grill", "TaKorean"]);
    expect((await suggest("unknown", "")).options).toEqual([]);
    tracker = { ok: false, kind: "too-slow", problem: "slow", detail: "x" };
    expect((await suggest("place", "")).options).toEqual([]);
  });
});

describe("a daily post submitted", () => {
  it("naming an unknown place answers errors on the places block, and saves and posts nothing", async () => {
    const answer = await handleViewSubmission(dailyPost(["DC - Nowhere"]), deps);
    expect(answer.body).toEqual({
      response_action: "errors",
      errors: { daily_places: "Not on today's tracker: DC - Nowhere." },
    });
    expect(answer.afterResponse).toBeUndefined();
    expect(await deps.subscriptions.store.digestsOf("T1", "C1")).toEqual([]);
    expect(slack.posts()).toEqual([]);
  });

  it("missing fields answer errors on each block", async () => {
    const answer = await handleViewSubmission(submission("daily_post", {}), deps);
    expect(Object.keys(answer.body!.errors).sort()).toEqual([
      "daily_channel",
      "daily_days",
      "daily_places",
      "daily_time",
    ]);
  });

  it("a good one is saved, the channel told, the modal closed and the Home republished with it", async () => {
    const answer = await handleViewSubmission(dailyPost(["DC - Farragut Square"]), deps);
    expect(answer.body).toBeUndefined();
    const [digest] = await deps.subscriptions.store.digestsOf("T1", "C1");
    expect(digest).toMatchObject({
      places: ["DC - Farragut Square"],
      time: "11:30",
      timeZone: "America/New_York",
      days: ["mon", "tue", "wed", "thu", "fri"],
      createdBy: "U1",
    });
    expect(slack.posts().map((p) => [p.channel, p.text])).toEqual([
      ["C1", expect.stringContaining("<@U1> set up a daily post for this channel") as string],
    ]);
    await answer.afterResponse!();
    expect(lastHome()).toContain("<#C1> at 11:30 America/New_York, weekdays: DC - Farragut Square");
    expect(lastHome()).toContain(HOME_REMOVE_DAILY);
  });

  it("in a channel the app can't post in answers errors on the channel block and keeps nothing", async () => {
    slack.refuse.set("C-private", "not_in_channel");
    const answer = await handleViewSubmission(dailyPost(["DC - Farragut Square"], "C-private"), deps);
    expect(answer.body?.errors).toEqual({
      daily_channel: expect.stringContaining("I can't post there (the app is not in that channel)") as string,
    });
    expect(await deps.subscriptions.store.digestsOf("T1", "C-private")).toEqual([]);
  });

  it("past the channel's cap answers errors on the channel block", async () => {
    for (const time of ["08:00", "09:00", "10:00", "11:00", "12:00"]) {
      const post = dailyPost(["DC - Farragut Square"]);
      post.values.daily_time = { time: [time] };
      expect((await handleViewSubmission(post, deps)).body).toBeUndefined();
    }
    const answer = await handleViewSubmission(dailyPost(["DC - Union Station"]), deps);
    expect(answer.body?.errors).toEqual({ daily_channel: "That channel has 5 daily posts already: remove one first." });
    expect(await deps.subscriptions.store.digestsOf("T1", "C1")).toHaveLength(5);
  });

  it("when the tracker cannot be read, says so on the places block and saves nothing", async () => {
    tracker = { ok: false, kind: "too-slow", problem: "slow", detail: "x" };
    const answer = await handleViewSubmission(dailyPost(["DC - Farragut Square"]), deps);
    expect(answer.body?.errors.daily_places).toContain("can't be read just now");
    expect(await deps.subscriptions.store.digestsOf("T1", "C1")).toEqual([]);
  });

  it("Remove on the Home removes it, tells the channel and republishes; only its author's Home can", async () => {
    await handleViewSubmission(dailyPost(["DC - Farragut Square"]), deps);
    const [digest] = await deps.subscriptions.store.digestsOf("T1", "C1");
    const value = removeValue({ id: digest!.id, ownerId: "C1" });
    expect(await handleHomeAction({ ...click(HOME_REMOVE_DAILY, value), userId: "U2" }, deps)).toBe("not-removed");
    expect(await deps.subscriptions.store.digestsOf("T1", "C1")).toHaveLength(1);
    expect(await handleHomeAction(click(HOME_REMOVE_DAILY, value), deps)).toBe("removed");
    expect(await deps.subscriptions.store.digestsOf("T1", "C1")).toEqual([]);
    expect(slack.posts().at(-1)?.channel).toBe("C1");
    expect(lastHome()).toContain("You set up no daily posts yet");
  });
});

describe("a follow or a place submitted", () => {
  it("an unknown truck or a cap reached answers errors on the truck block and saves nothing", async () => {
    const follow = (truck: string) => submission("follow_truck", { follow_truck: { truck: [truck] } });
    expect((await handleViewSubmission(follow("Ghost Truck"), deps)).body?.errors).toEqual({
      follow_truck: "Ghost Truck is not on today's tracker: follow a truck that is out today.",
    });
    expect(await deps.subscriptions.store.followsOf("T1", "U1")).toEqual([]);
    expect((await handleViewSubmission(follow("TaKorean"), deps)).body).toBeUndefined();
    expect((await handleViewSubmission(follow("TaKorean"), deps)).body?.errors).toEqual({
      follow_truck: "You follow TaKorean already.",
    });
  });

  it("a chosen place is saved and the Home shows its trucks as the person's own", async () => {
    const choose = (place: string) => submission("my_place", { my_place: { place: [place] } });
    expect((await handleViewSubmission(choose("DC - Nowhere"), deps)).body?.errors).toEqual({
      my_place: "DC - Nowhere is not on today's tracker.",
    });
    expect(await deps.places.get("T1", "U1")).toBeUndefined();
    const answer = await handleViewSubmission(choose("DC - Farragut Square"), deps);
    expect(answer.body).toBeUndefined();
    expect(await deps.places.get("T1", "U1")).toBe("DC - Farragut Square");
    await answer.afterResponse!();
    expect(lastHome()).toContain("*DC - Farragut Square* (your place)");
  });

  it("an unknown modal is closed without saving", async () => {
    expect(await handleViewSubmission(submission("other", {}), deps)).toEqual({});
  });
});
