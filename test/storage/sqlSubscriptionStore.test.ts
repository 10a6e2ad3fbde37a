// The SQL subscription store on both databases it runs on (workerd's own D1 through Miniflare, and
// the local runtime's SQLite), migrations applied, held to the DynamoDB store's rules: a cap per
// owner, the same subscription refused, only the owner's ids removed, due subscriptions found by
// zone and local time without reading the rest.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import type { ChannelDigest, TruckFollow } from "../../src/subscriptions/subscription.js";
import type { SqlDatabase } from "../../src/storage/sqlDatabase.js";
import { createSqlSubscriptionStore, TIME_ZONES_SQL } from "../../src/storage/sqlSubscriptionStore.js";
import { startD1 } from "../helpers/d1.js";
import { openTempSqlite } from "../helpers/sqlite.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"] as TruckFollow["days"];

const follow = (id: string, truck: string, userId = "U1", teamId = "T1"): TruckFollow => ({
  kind: "follow",
  id,
  teamId,
  userId,
  truck,
  time: "10:30",
  timeZone: "America/New_York",
  days: WEEKDAYS,
  createdBy: userId,
  createdAt: "2026-12-01T00:00:00.000Z",
});

const digest = (id: string, places: string[], time: string, timeZone: string, channelId = "C1"): ChannelDigest => ({
  kind: "digest",
  id,
  teamId: "T2",
  channelId,
  places,
  time,
  timeZone,
  days: ["sat", "sun"],
  createdBy: "U9",
  createdAt: "2026-12-01T00:00:00.000Z",
});

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

describe.each(databases)("SQL subscription store on %s", (_name, open) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void> | void;
  beforeAll(async () => {
    ({ db, dispose } = await open());
  }, 30_000);
  afterAll(() => dispose?.());

  it("keeps a cap per owner, refuses the same subscription twice, and removes only the owner's", async () => {
    const store = createSqlSubscriptionStore(db, silentLogger);
    expect(await store.add(follow("a", "Sol Mexican Grill"), 2)).toBe("added");
    expect(await store.add(follow("b", "Sol Mexican Grill"), 2)).toBe("already");
    expect(await store.add(follow("c", "TaKorean"), 2)).toBe("added");
    expect(await store.add(follow("d", "Hula Girl"), 2)).toBe("at-cap");
    expect(await store.add(follow("e", "Hula Girl", "U2"), 2)).toBe("added");
    expect(await store.add(follow("f", "Hula Girl", "U1", "T9"), 2)).toBe("added");
    expect((await store.remove("T1", "U1", ["a", "e", "f", "nope"])).map((s) => s.id)).toEqual(["a"]);
    expect(await store.followsOf("T1", "U1")).toEqual([follow("c", "TaKorean")]);
    expect(await store.remove("T1", "U1", ["a"])).toEqual([]);
  });

  it("reads back a digest as saved, and treats the same places in another order as the same", async () => {
    const store = createSqlSubscriptionStore(db, silentLogger);
    const saved = digest("g1", ["DC - Farragut Square", "DC - Franklin Square"], "11:30", "America/Chicago");
    expect(await store.add(saved, 5)).toBe("added");
    expect(await store.add({ ...saved, id: "g2", places: [...saved.places].reverse() }, 5)).toBe("already");
    expect(await store.add({ ...saved, id: "g3", time: "12:00" }, 5)).toBe("added");
    expect(await store.digestsOf("T2", "C1")).toEqual([saved, { ...saved, id: "g3", time: "12:00" }]);
    // A channel's digests are not a user's follows, even under the same id.
    expect(await store.followsOf("T2", "C1")).toEqual([]);
    await store.remove("T2", "C1", ["g1", "g3"]);
  });

  it("holds the cap when saves race", async () => {
    const store = createSqlSubscriptionStore(db, silentLogger);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.add(digest(`r${i}`, [`Place ${i}`], "09:00", "UTC", "C-race"), 3)),
    );
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(3);
    expect(await store.digestsOf("T2", "C-race")).toHaveLength(3);
  });

  it("finds what is due by zone and local time, reading one row per zone for the zones", async () => {
    const store = createSqlSubscriptionStore(db, silentLogger);
    for (let i = 0; i < 40; i++)
      await store.add(digest(`z${i}`, ["P"], `07:${String(i).padStart(2, "0")}`, "Asia/Tokyo", `C-z${i}`), 5);
    await store.add(digest("w1", ["P"], "07:05", "Europe/Berlin", "C-w"), 5);
    const zones = await store.timeZones();
    expect([...zones].sort()).toEqual(["America/New_York", "Asia/Tokyo", "Europe/Berlin", "UTC"]);
    expect((await store.at("Asia/Tokyo", "07:05")).map((s) => s.id)).toEqual(["z5"]);
    expect((await store.at("Europe/Berlin", "07:05")).map((s) => s.id)).toEqual(["w1"]);
    expect(await store.at("Asia/Tokyo", "08:00")).toEqual([]);
  });

  it("skips a row it cannot read, with a warning, and keeps the others", async () => {
    const warnings: string[] = [];
    const store = createSqlSubscriptionStore(db, { info() {}, error() {}, warn: (msg) => void warnings.push(msg) });
    await db
      .prepare(
        "INSERT INTO subscriptions (id, kind, team_id, owner_id, places, truck, time, time_zone, days, created_by, created_at) " +
          "VALUES ('bad', 'digest', 'T3', 'C3', 'not json', NULL, '06:00', 'UTC', 'mon', 'U1', 'x')",
      )
      .run();
    await store.add(digest("good", ["P"], "06:00", "UTC", "C3"), 5);
    expect((await store.at("UTC", "06:00")).map((s) => s.id)).toEqual(["good"]);
    expect(warnings).toEqual(["unreadable subscription row skipped"]);
  });
});

describe("SQL subscription store on D1's bill", () => {
  let mf: Miniflare;
  let db: Awaited<ReturnType<typeof startD1>>["db"];
  beforeAll(async () => {
    ({ mf, db } = await startD1());
  }, 30_000);
  afterAll(() => mf?.dispose());

  it("reads about one row per zone for the zones, not one per subscription", async () => {
    const store = createSqlSubscriptionStore(db, silentLogger);
    for (let i = 0; i < 40; i++)
      await store.add(digest(`z${i}`, ["P"], `07:${String(i).padStart(2, "0")}`, "Asia/Tokyo", `C-z${i}`), 5);
    for (const zone of ["Europe/Berlin", "UTC", "America/New_York"])
      await store.add(digest(zone, ["P"], "07:05", zone, zone), 5);
    const zones = await store.timeZones();
    const skip = await db.prepare(TIME_ZONES_SQL).all();
    const distinct = await db.prepare("SELECT DISTINCT time_zone FROM subscriptions").all();
    expect(skip.meta.rows_read).toBeLessThan(3 * zones.length);
    expect(distinct.meta.rows_read).toBeGreaterThan(40);
  });
});
