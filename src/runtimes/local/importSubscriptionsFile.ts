// Before the database, the local runtime kept subscriptions in `subscriptions.json` (format
// version 1). On the first open of a data folder that has one, its subscriptions are copied into
// the database in one transaction and the file is renamed to a backup beside it, so it is read once
// and never lost. A file that cannot be understood stops the start with an error naming it.
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { WEEKDAYS, type Subscription } from "../../subscriptions/subscription.js";
import type { DatabaseSync } from "node:sqlite";
import { IMPORT_SQL, toRow } from "../../storage/sqlSubscriptionStore.js";
import { DatabaseFileError } from "./sqliteDatabase.js";

export const SUBSCRIPTIONS_FILE = "subscriptions.json";
export const SUBSCRIPTIONS_BACKUP = "subscriptions.json.imported";
const FORMAT_VERSION = 1;

/** Imports `subscriptions.json` if the folder has one; returns how many subscriptions it held. */
export function importSubscriptionsFile(db: DatabaseSync, dataDir: string): number | undefined {
  const path = join(dataDir, SUBSCRIPTIONS_FILE);
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new DatabaseFileError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}) to import it: check its permissions`,
    );
  }
  const subscriptions = parse(text, path);
  // OR IGNORE by id: a start killed between the commit and the rename imports nothing twice.
  const insert = db.prepare(IMPORT_SQL);
  db.exec("BEGIN IMMEDIATE");
  try {
    for (const subscription of subscriptions) insert.run(...toRow(subscription));
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  renameSync(path, join(dataDir, SUBSCRIPTIONS_BACKUP));
  return subscriptions.length;
}

function parse(text: string, path: string): Subscription[] {
  const broken = (why: string) =>
    new DatabaseFileError(
      `${path} is not a slacktrux subscriptions file (${why}), so it was not imported. It was left as it is: restore it from a backup, or move it away to start with no subscriptions.`,
    );
  let contents: unknown;
  try {
    contents = JSON.parse(text);
  } catch {
    throw broken("not JSON");
  }
  const file = contents as { version?: unknown; subscriptions?: unknown } | null;
  if (file === null || typeof file !== "object" || !Array.isArray(file.subscriptions))
    throw broken("no subscriptions list");
  if (file.version !== FORMAT_VERSION)
    throw broken(`format version ${String(file.version)}, expected ${FORMAT_VERSION}`);
  file.subscriptions.forEach((entry, index) => {
    if (!isSubscription(entry)) throw broken(`entry ${index} is incomplete`);
  });
  return file.subscriptions as Subscription[];
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
