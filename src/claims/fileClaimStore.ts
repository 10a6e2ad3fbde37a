// Claims shared by every process using one data folder (`npm start`'s minute tick and a
// `slacktrux tick` from cron), so a subscription's run posts once whichever process gets there
// first. One small file per key holding its expiry, read and written under the folder's lock.
import { readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { ClaimStore } from "./claimStore.js";
import { withFileLock, writeFileAtomically } from "./fileLock.js";

export function createFileClaimStore(dir: string, nowMs: () => number = Date.now): ClaimStore {
  let swept = false;
  const expiryOf = async (key: string): Promise<number | undefined> => {
    const text = await readFile(join(dir, key), "utf8").catch(() => undefined);
    const value = Number(text);
    return text === undefined || !Number.isFinite(value) ? undefined : value;
  };
  const write = (key: string, ttlSeconds: number) =>
    writeFileAtomically(join(dir, key), String(nowMs() + ttlSeconds * 1000));
  // Keys are hashes (claims/claimStore.ts): safe file names.
  return {
    claim: (key, ttlSeconds) =>
      withFileLock(dir, async () => {
        if (!swept) await sweep();
        const until = await expiryOf(key);
        if (until !== undefined && until > nowMs()) return false;
        await write(key, ttlSeconds);
        return true;
      }),
    confirm: (key, ttlSeconds) => withFileLock(dir, () => write(key, ttlSeconds)),
  };

  /** Once per process: expired claims are deleted, so the folder holds about a day's keys. */
  async function sweep(): Promise<void> {
    swept = true;
    for (const name of await readdir(dir)) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const until = await expiryOf(name);
      if (until !== undefined && until <= nowMs()) await unlink(join(dir, name)).catch(() => {});
    }
  }
}
