// The local runtime's SQLite database: the migrations applied once and recorded as wrangler records
// them, two processes' connections sharing one file, an old subscriptions.json imported once and
// kept, and a file that is not a database refused with its name, never reset.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import { applyMigrations, migrationsDir } from "../../src/runtimes/local/migrations.js";
import { importSubscriptionsFile } from "../../src/runtimes/local/importSubscriptionsFile.js";
import { openSqliteDatabase } from "../../src/runtimes/local/sqliteDatabase.js";
import { createSqlClaimStore } from "../../src/storage/sqlClaimStore.js";
import { createSqlSubscriptionStore } from "../../src/storage/sqlSubscriptionStore.js";
import type { TruckFollow } from "../../src/subscriptions/subscription.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "slacktrux-db-"));
  dirs.push(dir);
  return dir;
}

const follow = (id: string, truck: string, userId = "U1"): TruckFollow => ({
  kind: "follow",
  id,
  teamId: "T1",
  userId,
  truck,
  time: "10:30",
  timeZone: "America/New_York",
  days: ["mon", "tue", "wed", "thu", "fri"],
  createdBy: userId,
  createdAt: "2026-12-01T00:00:00.000Z",
});

describe("the local SQLite database", () => {
  it("applies every migration once, recorded by file name in d1_migrations as wrangler does", () => {
    const path = join(tempDir(), "slacktrux.db");
    const first = openSqliteDatabase(path);
    const files = readdirSync(migrationsDir())
      .filter((name) => name.endsWith(".sql"))
      .sort();
    const recorded = () =>
      (first.raw.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name);
    expect(recorded()).toEqual(files);
    expect(applyMigrations(first.raw)).toEqual([]);
    first.close();
    const again = openSqliteDatabase(path);
    expect((again.raw.prepare("SELECT COUNT(*) AS n FROM d1_migrations").get() as { n: number }).n).toBe(files.length);
    expect((again.raw.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode).toBe("wal");
    again.close();
  });

  it("shares one file between two connections (npm start and a slacktrux tick) without losing a save", async () => {
    const path = join(tempDir(), "slacktrux.db");
    const [a, b] = [openSqliteDatabase(path), openSqliteDatabase(path)];
    const [storeA, storeB] = [a, b].map((d) => createSqlSubscriptionStore(d.db, silentLogger));
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? storeA! : storeB!).add(follow(`f${i}`, `Truck ${i}`, `U${i}`), 10)),
    );
    expect(outcomes).toEqual(Array(12).fill("added"));
    expect(await storeB!.at("America/New_York", "10:30")).toHaveLength(12);
    const claims = [a, b].map((d) => createSqlClaimStore(d.db, silentLogger));
    const claimed = await Promise.all(claims.map((c) => c.claim("k", 60)));
    expect(claimed.filter(Boolean)).toHaveLength(1);
    a.close();
    b.close();
  });

  it("refuses a file that is not a database with an error naming it, and leaves it as it was", () => {
    const path = join(tempDir(), "slacktrux.db");
    const garbage = "garbage ".repeat(1000);
    writeFileSync(path, garbage);
    expect(() => openSqliteDatabase(path)).toThrow(`${path} cannot be opened as the slacktrux database`);
    expect(readFileSync(path, "utf8")).toBe(garbage);
  });

  it("imports an old subscriptions.json once, in a transaction, and keeps it as a backup", async () => {
    const dir = tempDir();
    const file = join(dir, "subscriptions.json");
    const saved = [follow("a", "Sol"), follow("b", "TaKorean", "U2")];
    writeFileSync(file, JSON.stringify({ version: 1, subscriptions: saved }));
    const database = openSqliteDatabase(join(dir, "slacktrux.db"));
    expect(importSubscriptionsFile(database.raw, dir)).toBe(2);
    expect(existsSync(file)).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "subscriptions.json.imported"), "utf8")).subscriptions).toEqual(saved);
    const store = createSqlSubscriptionStore(database.db, silentLogger);
    expect(await store.followsOf("T1", "U1")).toEqual([saved[0]]);
    // Read once: the next open finds no file to import.
    expect(importSubscriptionsFile(database.raw, dir)).toBeUndefined();
    // A start killed between the commit and the rename imports nothing twice.
    writeFileSync(file, JSON.stringify({ version: 1, subscriptions: saved }));
    expect(importSubscriptionsFile(database.raw, dir)).toBe(2);
    expect(await store.followsOf("T1", "U1")).toEqual([saved[0]]);
    database.close();
  });

  it("refuses an old subscriptions.json it cannot understand, naming it, importing nothing", async () => {
    const dir = tempDir();
    const file = join(dir, "subscriptions.json");
    const database = openSqliteDatabase(join(dir, "slacktrux.db"));
    for (const [text, why] of [
      ["{ half", "not JSON"],
      ['{"version": 1}', "no subscriptions list"],
      ['{"version": 2, "subscriptions": []}', "format version 2, expected 1"],
      [
        `{"version": 1, "subscriptions": [${JSON.stringify(follow("a", "Sol"))}, {"kind": "follow"}]}`,
        "entry 1 is incomplete",
      ],
    ]) {
      writeFileSync(file, text!);
      expect(() => importSubscriptionsFile(database.raw, dir)).toThrow(
        `${file} is not a slacktrux subscriptions file (${why})`,
      );
      expect(readFileSync(file, "utf8")).toBe(text);
    }
    expect(await createSqlSubscriptionStore(database.db, silentLogger).followsOf("T1", "U1")).toEqual([]);
    database.close();
  });
});
