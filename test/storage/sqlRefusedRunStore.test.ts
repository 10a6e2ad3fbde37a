// The SQL store of runs refused for their bot token, on both databases it runs on (workerd's own D1
// through Miniflare, and the local runtime's SQLite), migrations applied: a record per subscription
// and day, updated when refused again, deleted when asked, never saved for a subscription already
// gone, and no change to what removing subscriptions reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteTeamSubscriptions } from "../../src/events/sqlTeamSubscriptions.js";
import { silentLogger } from "../../src/observe/log.js";
import type { RefusedRun } from "../../src/subscriptions/refusedRunStore.js";
import type { ChannelDigest } from "../../src/subscriptions/subscription.js";
import type { SqlDatabase } from "../../src/storage/sqlDatabase.js";
import { createSqlRefusedRunStore } from "../../src/storage/sqlRefusedRunStore.js";
import { createSqlSubscriptionStore } from "../../src/storage/sqlSubscriptionStore.js";
import { startD1 } from "../helpers/d1.js";
import { openTempSqlite } from "../helpers/sqlite.js";

const digest = (id: string, teamId: string, channelId: string): ChannelDigest => ({
  kind: "digest",
  id,
  teamId,
  channelId,
  places: ["DC - Farragut Square"],
  time: "11:30",
  timeZone: "America/New_York",
  days: ["mon", "tue", "wed", "thu", "fri"],
  createdBy: "U1",
  createdAt: "2026-12-01T00:00:00.000Z",
});

const refused = (subscriptionId: string, teamId: string, fields: Partial<RefusedRun> = {}): RefusedRun => ({
  subscriptionId,
  teamId,
  timeZone: "America/New_York",
  time: "11:30",
  day: "2026-12-02",
  dueAt: "2026-12-02T16:30:00.000Z",
  lastTriedMs: Date.parse("2026-12-02T16:30:00.000Z"),
  ...fields,
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

describe.each(databases)("SQL refused-run store on %s", (_name, open) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void> | void;
  beforeAll(async () => {
    ({ db, dispose } = await open());
    const subscriptions = createSqlSubscriptionStore(db, silentLogger);
    for (const [id, team, channel] of [
      ["d1", "T1", "C1"],
      ["d2", "T1", "C2"],
      ["d3", "T2", "C3"],
    ] as const)
      await subscriptions.add(digest(id, team, channel), 5);
  }, 30_000);
  afterAll(() => dispose?.());

  it("saves a record per subscription and day, and updates its last try when refused again", async () => {
    const store = createSqlRefusedRunStore(db);
    await store.save(refused("d1", "T1"));
    await store.save(refused("d1", "T1", { day: "2026-12-03", dueAt: "2026-12-03T16:30:00.000Z" }));
    const later = Date.parse("2026-12-02T18:00:00.000Z");
    await store.save(refused("d1", "T1", { lastTriedMs: later }));
    expect(await store.list()).toEqual([
      refused("d1", "T1", { lastTriedMs: later }),
      refused("d1", "T1", { day: "2026-12-03", dueAt: "2026-12-03T16:30:00.000Z" }),
    ]);
    await store.delete("d1", "2026-12-02");
    await store.delete("d1", "2026-12-02");
    expect(await store.list()).toEqual([refused("d1", "T1", { day: "2026-12-03", dueAt: "2026-12-03T16:30:00.000Z" })]);
    await store.delete("d1", "2026-12-03");
    expect(await store.list()).toEqual([]);
  });

  it("saves nothing for a subscription that is gone, and leaves removals' counts as they were", async () => {
    const store = createSqlRefusedRunStore(db);
    const subscriptions = createSqlSubscriptionStore(db, silentLogger);
    await store.save(refused("gone", "T1"));
    expect(await store.list()).toEqual([]);
    await store.save(refused("d2", "T1"));
    await store.save(refused("d3", "T2"));
    expect((await subscriptions.remove("T1", "C2", ["d2"])).map((s) => s.id)).toEqual(["d2"]);
    // A workspace uninstalling the app: its subscriptions, counted alone (the tick forgets the records).
    expect(await deleteTeamSubscriptions(db, "T2")).toBe(1);
    expect((await store.list()).map((run) => run.subscriptionId)).toEqual(["d2", "d3"]);
  });
});
