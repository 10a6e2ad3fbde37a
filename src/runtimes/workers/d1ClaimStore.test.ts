// The D1 claim store on workerd's own D1 (through Miniflare), held to the memory store's rules:
// first claim wins, a held key refuses, an expired or released key is free again, confirm keeps.
import type { Miniflare } from "miniflare";
import { startD1 } from "../../../test/helpers/d1.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../observe/log.js";
import { createD1ClaimStore } from "./d1ClaimStore.js";

let mf: Miniflare;
let db: D1Database;

beforeAll(async () => {
  ({ mf, db } = await startD1());
}, 30_000);
afterAll(() => mf?.dispose());

describe("D1 claim store", () => {
  it("lets the first claim win until it expires, then lets the key be claimed again", async () => {
    let now = 1_000_000;
    const store = createD1ClaimStore(db, silentLogger, () => now);
    expect(await store.claim("k-expiry", 60)).toBe(true);
    expect(await store.claim("k-expiry", 60)).toBe(false);
    now += 59_999;
    expect(await store.claim("k-expiry", 60)).toBe(false);
    now += 1;
    expect(await store.claim("k-expiry", 60)).toBe(true);
  });

  it("confirm keeps a key for longer, and confirm for 0 s lets it go at once", async () => {
    let now = 2_000_000;
    const store = createD1ClaimStore(db, silentLogger, () => now);
    expect(await store.claim("k-confirm", 10)).toBe(true);
    await store.confirm("k-confirm", 1_800);
    now += 60_000;
    expect(await store.claim("k-confirm", 10)).toBe(false);
    await store.confirm("k-confirm", 0);
    expect(await store.claim("k-confirm", 10)).toBe(true);
  });

  it("sweep deletes expired rows only", async () => {
    let now = 3_000_000;
    const store = createD1ClaimStore(db, silentLogger, () => now);
    await store.claim("k-old", 1);
    await store.claim("k-live", 3_600);
    now += 2_000;
    await store.sweep();
    const keys = await db.prepare("SELECT key FROM claims WHERE key IN ('k-old', 'k-live')").all<{ key: string }>();
    expect(keys.results.map((row) => row.key)).toEqual(["k-live"]);
  });

  it("goes ahead unclaimed when D1 fails, logging it", async () => {
    const lines: string[] = [];
    const broken = {
      prepare: () => {
        throw new Error("D1 down");
      },
    } as unknown as D1Database;
    const store = createD1ClaimStore(broken, { info() {}, warn() {}, error: (msg) => void lines.push(msg) });
    expect(await store.claim("k", 60)).toBe(true);
    expect(lines).toEqual(["idempotency store failed to claim, going ahead unclaimed"]);
  });
});
