// Before the database, every change to `subscriptions.json` and to a claim under `claims/` was
// written to `<file>.<pid>.tmp`, then renamed over the file; a writer killed between the two left
// its temp file behind for good. Such leftovers are removed when the data folder is opened: only
// names that writer made, nothing else in the folder.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** `subscriptions.json.<pid>.tmp` in the data folder. */
const OLD_SUBSCRIPTIONS_TEMP = /^subscriptions\.json\.\d+\.tmp$/;
/** `<claim key, a SHA-256 in hex>.<pid>.tmp` in the data folder's `claims/`. */
const OLD_CLAIM_TEMP = /^[0-9a-f]{64}\.\d+\.tmp$/;

/** Removes the old writer's leftover temp files; returns how many were removed. */
export function removeOldTempFiles(dataDir: string): number {
  return removeMatching(dataDir, OLD_SUBSCRIPTIONS_TEMP) + removeMatching(join(dataDir, "claims"), OLD_CLAIM_TEMP);
}

function removeMatching(dir: string, name: RegExp): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !name.test(entry.name)) continue;
    rmSync(join(dir, entry.name), { force: true });
    removed++;
  }
  return removed;
}
