// The Home tab as a function of one person's state: what it shows, escaped as messages are, and
// valid by Slack's own limits (100 blocks, text and id lengths) whatever the person has.
import type { HomeView } from "@slack/types";
import { describe, expect, it } from "vitest";
import { viewProblems } from "../../test/helpers/blockKitLimits.js";
import { HOME_CHOOSE_PLACE, HOME_REMOVE_DAILY, HOME_UNFOLLOW, parseRemoveValue } from "./homeActions.js";
import { homeView, MAX_VIEW_BLOCKS, type HomeDaily, type HomeFollow, type HomeInput } from "./homeView.js";

const schedule = (id: string) => ({ id, time: "11:30", timeZone: "America/New_York", days: "weekdays" });

const base: HomeInput = {
  userId: "U1",
  today: {
    kind: "place",
    place: "DC - Farragut Square",
    chosen: true,
    listed: true,
    trucks: [
      { name: "Sol Mexican Grill", url: "https://x.example/sol" },
      { name: "TaKorean", url: null },
    ],
  },
  source: { url: "https://tracker.example/list", fetchedAt: new Date("2026-12-03T16:32:00Z"), stale: false },
  timeZone: "America/New_York",
  follows: [{ schedule: schedule("f1"), truck: "Sol Mexican Grill", outAt: ["DC - Farragut Square"] }],
  dailies: [{ schedule: schedule("d1"), channelId: "C1", places: ["DC - Farragut Square"] }],
  commandName: "/foodtrucks",
};

const text = (view: HomeView) => JSON.stringify(view.blocks);
const buttons = (view: HomeView) =>
  view.blocks.flatMap((block) => {
    type Element = { action_id?: string; value?: string };
    const b = block as { accessory?: Element; elements?: Element[] };
    return [...(b.accessory ? [b.accessory] : []), ...(block.type === "actions" ? (b.elements ?? []) : [])];
  });

describe("the Home view", () => {
  it("shows today's trucks at the person's place with the tracker's time, follows, daily posts, buttons, how-to and source", () => {
    const view = homeView(base);
    expect(view.type).toBe("home");
    const shown = text(view);
    expect(shown).toContain("*DC - Farragut Square* (your place)");
    expect(shown).toContain("<https://x.example/sol|Sol Mexican Grill>");
    expect(shown).toContain("Tracker read at 11:32 AM");
    expect(shown).toContain("*Sol Mexican Grill* — out today at DC - Farragut Square");
    expect(shown).toContain("<#C1> at 11:30 America/New_York, weekdays: DC - Farragut Square");
    expect(shown).toContain("How to use `/foodtrucks`");
    expect(shown).toContain("<https://tracker.example/list|tracker.example>");
    const ids = buttons(view).map((b) => b.action_id);
    expect(ids).toEqual([
      HOME_UNFOLLOW,
      HOME_REMOVE_DAILY,
      "home_set_up_daily",
      "home_follow_truck",
      HOME_CHOOSE_PLACE,
    ]);
    const [unfollow, remove] = buttons(view);
    expect(parseRemoveValue(unfollow!.value)).toEqual({ id: "f1", ownerId: "U1" });
    expect(parseRemoveValue(remove!.value)).toEqual({ id: "d1", ownerId: "C1" });
    expect(viewProblems(view)).toEqual([]);
  });

  it("says a followed truck is not out today, and says nothing when the page could not be read", () => {
    const follows: HomeFollow[] = [
      { schedule: schedule("a"), truck: "Hula Girl", outAt: [] },
      { schedule: schedule("b"), truck: "TaKorean", outAt: undefined },
    ];
    const shown = text(homeView({ ...base, follows }));
    expect(shown).toContain("*Hula Girl* — not out today");
    expect(shown).toContain('"*TaKorean*"');
  });

  it("prompts to choose a place when there is none, and names a default place as the workspace's", () => {
    const none = homeView({ ...base, today: { kind: "no-place" } });
    expect(text(none)).toContain("Choose your place");
    expect(buttons(none)[0]!.action_id).toBe(HOME_CHOOSE_PLACE);
    const fallback = homeView({
      ...base,
      today: { kind: "place", place: "DC - Union Station", chosen: false, listed: false, trucks: [] },
    });
    expect(text(fallback)).toContain("(this workspace's place; choose your own below)");
    expect(text(fallback)).toContain("Not on the tracker today.");
  });

  it("gives the tracker's problem in place of today's trucks, and keeps the rest", () => {
    const { source: _unread, ...unread } = base;
    const view = homeView({ ...unread, today: { kind: "problem", problem: "The tracker is down." } });
    expect(text(view)).toContain("The tracker is down.");
    expect(text(view)).not.toContain("Tracker read at");
    expect(text(view)).toContain("Sol Mexican Grill");
  });

  it("says when the page is the last one read, the tracker being unreachable", () => {
    const view = homeView({ ...base, source: { ...base.source!, stale: true } });
    expect(text(view)).toContain("the tracker is unreachable just now");
  });

  it("escapes scraped and stored names as messages do", () => {
    const view = homeView({
      ...base,
      today: { ...(base.today as Extract<HomeInput["today"], { kind: "place" }>), place: "<!channel> & co" },
      follows: [{ schedule: schedule("f"), truck: "<@U999> Tacos", outAt: ["<!here>"] }],
      dailies: [{ schedule: schedule("d"), channelId: "C1> <!channel", places: ["<b>"] }],
    });
    const shown = text(view);
    expect(shown).not.toMatch(/<!channel>|<!here>|<@U999>/);
    expect(shown).toContain("&lt;!channel&gt; &amp; co");
    expect(shown).toContain("<#unknown>");
  });

  it("stays within 100 blocks and Slack's limits with hundreds of trucks, follows and daily posts", () => {
    const huge = "W".repeat(5000);
    const many = Array.from({ length: 400 }, (_, i) => ({ name: `${huge} ${i}`, url: `https://x.example/${i}` }));
    const follows: HomeFollow[] = Array.from({ length: 200 }, (_, i) => ({
      schedule: schedule(`f${i}`),
      truck: `${huge}${i}`,
      outAt: Array.from({ length: 50 }, (_, p) => `${huge} ${p}`),
    }));
    const dailies: HomeDaily[] = Array.from({ length: 300 }, (_, i) => ({
      schedule: schedule(`d${i}`),
      channelId: `C${i}`,
      places: Array.from({ length: 10 }, () => huge),
    }));
    const view = homeView({
      ...base,
      today: { kind: "place", place: huge, chosen: true, listed: true, trucks: many },
      follows,
      dailies,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
    expect(viewProblems(view)).toEqual([]);
    const shown = text(view);
    expect(shown).toMatch(/and \d+ more trucks?_/);
    expect(shown).toMatch(/and \d+ more daily posts_/);
    // The settings buttons, how-to and source line always make it.
    expect(shown).toContain("home_set_up_daily");
    expect(shown).toContain("tracker.example");
  });
});
