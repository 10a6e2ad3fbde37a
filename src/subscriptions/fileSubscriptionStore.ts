// Subscriptions on one machine: a JSON file, `subscriptions.json` in the data folder
// (SLACKTRUX_DATA_DIR), read and rewritten whole under the folder's lock and replaced atomically,
// so `npm start` and a `slacktrux tick` can share it. A file that cannot be read or understood
// stops with an error naming it: it holds people's subscriptions and is never reset.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { withFileLock, writeFileAtomically } from "../claims/fileLock.js";
import { sameSubscription, SubscriptionStoreError, type DigestsSetBy, type SubscriptionStore } from "./store.js";
import { ownerOf, WEEKDAYS, type ChannelDigest, type Subscription, type TruckFollow } from "./subscription.js";

export const SUBSCRIPTIONS_FILE = "subscriptions.json";
const FORMAT_VERSION = 1;

interface FileContents {
  version: number;
  subscriptions: Subscription[];
}

export function createFileSubscriptionStore(dir: string): SubscriptionStore & DigestsSetBy {
  const path = join(dir, SUBSCRIPTIONS_FILE);

  const read = async (): Promise<Subscription[]> => {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new SubscriptionStoreError(
        `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}): check its permissions`,
      );
    }
    return parse(text, path);
  };
  const write = (subscriptions: Subscription[]) =>
    writeFileAtomically(path, JSON.stringify({ version: FORMAT_VERSION, subscriptions }, null, 2) + "\n");
  const change = <T>(work: (all: Subscription[]) => { next?: Subscription[]; result: T }) =>
    withFileLock(dir, async () => {
      const { next, result } = work(await read());
      if (next) await write(next);
      return result;
    });

  return {
    add: (subscription, cap) =>
      change((all) => {
        const owner = ownerOf(subscription);
        const mine = all.filter(
          (s) => s.teamId === subscription.teamId && s.kind === subscription.kind && ownerOf(s) === owner,
        );
        if (mine.some((s) => sameSubscription(s, subscription))) return { result: "already" as const };
        if (mine.length >= cap) return { result: "at-cap" as const };
        return { next: [...all, subscription], result: "added" as const };
      }),
    async digestsOf(teamId, channelId) {
      return (await read()).filter(
        (s): s is ChannelDigest => s.kind === "digest" && s.teamId === teamId && s.channelId === channelId,
      );
    },
    async digestsSetBy(teamId, userId) {
      return (await read()).filter(
        (s): s is ChannelDigest => s.kind === "digest" && s.teamId === teamId && s.createdBy === userId,
      );
    },
    async followsOf(teamId, userId) {
      return (await read()).filter(
        (s): s is TruckFollow => s.kind === "follow" && s.teamId === teamId && s.userId === userId,
      );
    },
    remove: (teamId, ownerId, ids) =>
      change((all) => {
        const removed = all.filter((s) => s.teamId === teamId && ownerOf(s) === ownerId && ids.includes(s.id));
        return removed.length === 0
          ? { result: removed }
          : { next: all.filter((s) => !removed.includes(s)), result: removed };
      }),
    async at(timeZone, time) {
      return (await read()).filter((s) => s.timeZone === timeZone && s.time === time);
    },
    async timeZones() {
      return [...new Set((await read()).map((s) => s.timeZone))];
    },
  };
}

function parse(text: string, path: string): Subscription[] {
  const broken = (why: string) =>
    new SubscriptionStoreError(
      `${path} is not a slacktrux subscriptions file (${why}). It was left as it is: restore it from a backup, or move it away to start with no subscriptions.`,
    );
  let contents: unknown;
  try {
    contents = JSON.parse(text);
  } catch {
    throw broken("not JSON");
  }
  const file = contents as Partial<FileContents> | null;
  if (file === null || typeof file !== "object" || !Array.isArray(file.subscriptions))
    throw broken("no subscriptions list");
  if (file.version !== FORMAT_VERSION)
    throw broken(`format version ${String(file.version)}, expected ${FORMAT_VERSION}`);
  file.subscriptions.forEach((entry, index) => {
    if (!isSubscription(entry)) throw broken(`entry ${index} is incomplete`);
  });
  return file.subscriptions;
}

function isSubscription(value: unknown): value is Subscription {
  const s = value as Record<string, unknown> | null;
  if (s === null || typeof s !== "object") return false;
  const text = (key: string) => typeof s[key] === "string" && s[key] !== "";
  const common =
    ["id", "teamId", "time", "timeZone", "createdBy", "createdAt"].every(text) &&
    Array.isArray(s.days) &&
    s.days.every((day) => (WEEKDAYS as readonly unknown[]).includes(day));
  if (!common) return false;
  if (s.kind === "digest")
    return text("channelId") && Array.isArray(s.places) && s.places.every((p) => typeof p === "string");
  if (s.kind === "follow") return text("userId") && text("truck");
  return false;
}
