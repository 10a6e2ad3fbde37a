// The SQL claim store on both databases it runs on (workerd's own D1 through Miniflare, and the
// local runtime's SQLite), held to the memory store's rules: first claim wins, a held key refuses,
// an expired or released key is free again, confirm keeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import type { SqlDatabase } from "../../src/storage/sqlDatabase.js";
import { createSqlClaimStore } from "../../src/storage/sqlClaimStore.js";
import { startD1 } from "../helpers/d1.js";
import { openTempSqlite } from "../helpers/sqlite.js";

const databases: [string, () => Promise<{ db: SqlDatabase; dispose: () => Promise<void> | void }>][] = [
  [
    "D1",
    async () => {
      const { mf, db } = await startD1();
      return { db, dispose: () => mf.dispose() };
    },
  ],
  ["local SQLite", async () => openTempSqlite()],
];

describe.each(databases)("SQL claim store on %s", (_name, open) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void> | void;
  beforeAll(async () => {
    ({ db, dispose } = await open());
  }, 30_000);
  afterAll(() => dispose?.());

  it("lets the first claim win until it expires, then lets the key be claimed again", async () => {
    let now = 1_000_000;
    const store = createSqlClaimStore(db, silentLogger, () => now);
    expect(await store.claim("k-expiry", 60)).toBe(true);
    expect(await store.claim("k-expiry", 60)).toBe(false);
    now += 59_999;
    expect(await store.claim("k-expiry", 60)).toBe(false);
    now += 1;
    expect(await store.claim("k-expiry", 60)).toBe(true);
  });

  it("confirm keeps a key for longer, and confirm for 0 s lets it go at once", async () => {
    let now = 2_000_000;
    const store = createSqlClaimStore(db, silentLogger, () => now);
    expect(await store.claim("k-confirm", 10)).toBe(true);
    await store.confirm("k-confirm", 1_800);
    now += 60_000;
    expect(await store.claim("k-confirm", 10)).toBe(false);
    await store.confirm("k-confirm", 0);
    expect(await store.claim("k-confirm", 10)).toBe(true);
  });

  it("sweep deletes expired rows only", async () => {
    let now = 3_000_000;
    const store = createSqlClaimStore(db, silentLogger, () => now);
    await store.claim("k-old", 1);
    await store.claim("k-live", 3_600);
    now += 2_000;
    await store.sweep();
    const keys = await db.prepare("SELECT key FROM claims WHERE key IN ('k-old', 'k-live')").all<{ key: string }>();
    expect(keys.results.map((row) => row.key)).toEqual(["k-live"]);
  });

  it("goes ahead unclaimed when the database fails, logging it", async () => {
    const lines: string[] = [];
    const broken = {
      prepare: () => {
        throw new Error("database down");
      },
    } as unknown as SqlDatabase;
    const store = createSqlClaimStore(broken, { info() {}, warn() {}, error: (msg) => void lines.push(msg) });
    expect(await store.claim("k", 60)).toBe(true);
    expect(lines).toEqual(["claim store failed to claim, going ahead unclaimed"]);
  });
});
