// The Home tab, drawn from what is known of one person: today's trucks at their place, the trucks
// they follow (with Unfollow), the daily posts they set (with Remove), the settings buttons, a
// short how-to and where the data comes from. Whatever they have, it stays within Slack's 100
// blocks: long lists end with an "…and N more" line.
import type { HomeView, KnownBlock, SectionBlock } from "@slack/types";
import { context, header, section, sectionsFromLines } from "../slack/blockKit.js";
import { escapeMrkdwn, linkMrkdwn } from "../slack/escape.js";
import { ELLIPSIS, truncate } from "../slack/truncate.js";
import {
  andList,
  formatTime,
  MAX_LINK_URL_CHARS,
  MAX_NAME_CHARS,
  placeName,
  plural,
  sourceLink,
} from "../messages/format.js";
import { when, type ScheduleText } from "../messages/subscriptionMessages.js";
import type { Truck } from "../trucks/types.js";
import {
  HOME_CHOOSE_PLACE,
  HOME_FOLLOW_TRUCK,
  HOME_REMOVE_DAILY,
  HOME_SET_UP_DAILY,
  HOME_UNFOLLOW,
  homeButton,
  removeValue,
} from "./homeActions.js";

/** Slack's limit on a Home tab's or modal's blocks (a message's is 50). */
export const MAX_VIEW_BLOCKS = 100;
/** Sections for the trucks at the person's place; more trucks than fit are counted. */
const MAX_TRUCK_SECTIONS = 3;
/** Follow rows shown (the cap is 10, but a store may hold more from before a lower cap). */
const MAX_FOLLOW_ROWS = 30;

/** Today at the person's place, or why it cannot be shown. */
export type TodayAtPlace =
  /** `chosen`: their own saved place, rather than the workspace's DEFAULT_PLACE. */
  | { kind: "place"; place: string; chosen: boolean; trucks: Truck[]; listed: boolean }
  | { kind: "no-place" }
  /** The tracker could not be read: `problem` is mrkdwn for people. */
  | { kind: "problem"; problem: string };

export interface HomeFollow {
  schedule: ScheduleText;
  truck: string;
  /** Where the truck is today; undefined when today's page could not be read. */
  outAt: string[] | undefined;
}

export interface HomeDaily {
  schedule: ScheduleText;
  channelId: string;
  places: string[];
}

export interface HomeInput {
  userId: string;
  today: TodayAtPlace;
  /** The tracker page's address and when it was read, when it was. */
  /** `stale`: the tracker failed just now and this is the last page read. */
  source?: { url: string; fetchedAt: Date; stale: boolean };
  timeZone: string;
  follows: HomeFollow[];
  dailies: HomeDaily[];
  /** The slash command's name, for the how-to. */
  commandName: string;
}

export function homeView(input: HomeInput): HomeView {
  const top: KnownBlock[] = [header("Food trucks today"), ...todayBlocks(input)];
  if (input.source) top.push(context([trackerLine(input.source, input.timeZone)]));
  const followsTop: KnownBlock[] = [{ type: "divider" }, header("Trucks you follow")];
  const dailiesTop: KnownBlock[] = [{ type: "divider" }, header("Your daily posts")];
  const bottom: KnownBlock[] = [
    { type: "divider" },
    settingsButtons(),
    howTo(input.commandName),
    dataSourceLine(input.source?.url),
  ];

  const fixed = top.length + followsTop.length + dailiesTop.length + bottom.length;
  const follows = followRows(input.userId, input.follows, Math.min(MAX_FOLLOW_ROWS, MAX_VIEW_BLOCKS - fixed - 1));
  const dailies = dailyRows(input.dailies, MAX_VIEW_BLOCKS - fixed - follows.length);
  return {
    type: "home",
    blocks: [...top, ...followsTop, ...follows, ...dailiesTop, ...dailies, ...bottom],
  };
}

function todayBlocks(input: HomeInput): KnownBlock[] {
  const { today } = input;
  if (today.kind === "problem") return [section(today.problem)];
  if (today.kind === "no-place") {
    return [
      {
        ...section("Choose your place, and its trucks show here every day."),
        accessory: homeButton(HOME_CHOOSE_PLACE, "Choose my place", undefined, "primary"),
      },
    ];
  }
  const whose = today.chosen ? "your place" : "this workspace's place; choose your own below";
  const title = `*${placeName(today.place)}* (${whose})`;
  if (!today.listed) return [section(`${title}\n_Not on the tracker today._`)];
  if (today.trucks.length === 0) return [section(`${title}\n_No trucks yet._`)];
  const lines = [title, ...today.trucks.map(truckLine)];
  return sectionsFromLines(lines, MAX_TRUCK_SECTIONS, (hidden) => `_${ELLIPSIS}and ${plural(hidden, "more truck")}_`);
}

function truckLine(truck: Truck): string {
  const name = truncate(truck.name.trim(), MAX_NAME_CHARS) || "Unnamed truck";
  if (truck.url === null || truck.url.length > MAX_LINK_URL_CHARS) return `• ${escapeMrkdwn(name)}`;
  return `• ${linkMrkdwn(truck.url, name)}`;
}

function trackerLine(source: NonNullable<HomeInput["source"]>, timeZone: string): string {
  const read = `Tracker read at ${formatTime(source.fetchedAt, timeZone)}`;
  return source.stale ? `${read} · the tracker is unreachable just now, so this is the last page read` : read;
}

function followRows(userId: string, follows: HomeFollow[], budget: number): KnownBlock[] {
  if (follows.length === 0) return [section("_You follow no trucks yet._")];
  return fit(
    follows.map((follow) => {
      const out =
        follow.outAt === undefined
          ? ""
          : follow.outAt.length > 0
            ? ` — out today at ${andList(follow.outAt.map(placeName), 3)}`
            : " — not out today";
      const name = escapeMrkdwn(truncate(follow.truck.trim(), MAX_NAME_CHARS) || "Unnamed truck");
      return row(
        `*${name}*${out}`,
        homeButton(HOME_UNFOLLOW, "Unfollow", removeValue({ id: follow.schedule.id, ownerId: userId })),
      );
    }),
    budget,
    "more truck",
  );
}

function dailyRows(dailies: HomeDaily[], budget: number): KnownBlock[] {
  if (dailies.length === 0) return [section("_You set up no daily posts yet._")];
  return fit(
    dailies.map((daily) => {
      const text = `<#${channel(daily.channelId)}> at ${when(daily.schedule)}: ${andList(daily.places.map(placeName), 5)}`;
      const value = removeValue({ id: daily.schedule.id, ownerId: daily.channelId });
      return row(text, homeButton(HOME_REMOVE_DAILY, "Remove", value));
    }),
    budget,
    "more daily post",
  );
}

/** A channel id goes inside `<#…>`; anything not shaped like one is not put there. */
function channel(id: string): string {
  return /^[A-Z0-9]{1,40}$/.test(id) ? id : "unknown";
}

function row(mrkdwn: string, accessory: SectionBlock["accessory"]): SectionBlock {
  return { ...section(mrkdwn), ...(accessory ? { accessory } : {}) };
}

/** The rows, or as many as fit in `budget` blocks with a last line counting the rest. */
function fit(rows: KnownBlock[], budget: number, noun: string): KnownBlock[] {
  if (rows.length <= budget) return rows;
  const shown = rows.slice(0, Math.max(0, budget - 1));
  return [...shown, section(`_${ELLIPSIS}and ${plural(rows.length - shown.length, noun)}_`)];
}

function settingsButtons(): KnownBlock {
  return {
    type: "actions",
    elements: [
      homeButton(HOME_SET_UP_DAILY, "Set up a daily post", undefined, "primary"),
      homeButton(HOME_FOLLOW_TRUCK, "Follow a truck"),
      homeButton(HOME_CHOOSE_PLACE, "Choose my place"),
    ],
  };
}

function howTo(commandName: string): KnownBlock {
  const cmd = escapeMrkdwn(truncate(commandName.trim(), MAX_NAME_CHARS) || "/foodtrucks");
  return section(
    [
      `*How to use \`${cmd}\`*`,
      `\`${cmd} farragut\` — today's trucks at a place · \`${cmd} list\` — every place`,
      `\`${cmd} settings\` — set up a daily post in a channel · \`${cmd} help\` — everything else`,
    ].join("\n"),
  );
}

/** Where the data comes from, at the very end. */
function dataSourceLine(sourceUrl: string | undefined): KnownBlock {
  return context([
    sourceUrl
      ? `Trucks come from ${sourceLink(sourceUrl)}, read when you open this tab; the tracker's listings are its own.`
      : "Trucks come from the food truck tracker, read when you open this tab.",
  ]);
}
