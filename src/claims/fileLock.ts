// A lock between processes that share a folder (`npm start` and `slacktrux tick` on one machine):
// a lock file created with O_EXCL, so exactly one process holds it. A holder that died leaves its
// file behind; past STALE_MS it is taken over, as no holder keeps it that long.
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

const STALE_MS = 30_000;
const WAIT_MS = 20;
const GIVE_UP_MS = 10_000;

export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
}

export async function withFileLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, ".lock");
  const giveUpAt = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = await stat(path).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_MS) {
        await unlink(path).catch(() => {});
        continue;
      }
      if (Date.now() > giveUpAt) throw new LockTimeoutError(`${path} stayed locked for ${GIVE_UP_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(path).catch(() => {});
  }
}

/** Writes `text` to `path` so a reader sees the old file or the new one, never half of either. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
