// The SQL place store runs the saved-place store contract (test/helpers/userPlaceStoreContract.ts)
// on workerd's own SQL database (through Miniflare) and on the local runtime's SQLite, every
// migration applied, as deployed; and keeps its rows as the migration says.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import { openTempSqlite, type TempSqlite } from "../../test/helpers/sqlite.js";
import { describeUserPlaceStoreContract } from "../../test/helpers/userPlaceStoreContract.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import { createSqlUserPlaceStore } from "./sqlUserPlaceStore.js";

let mf: Miniflare;
let db: SqlDatabase;
let sqlite: TempSqlite;

beforeAll(async () => {
  ({ mf, db } = await startD1());
  sqlite = openTempSqlite();
}, 30_000);
afterAll(async () => {
  sqlite?.dispose();
  await mf?.dispose();
});

describeUserPlaceStoreContract("SQL place store on D1", () => createSqlUserPlaceStore(db));
describeUserPlaceStoreContract("SQL place store on SQLite", () => createSqlUserPlaceStore(sqlite.db));

describe("the SQL user place store", () => {
  it("keeps one row per person, with the time of the latest choice", async () => {
    const store = createSqlUserPlaceStore(db);
    await store.set("T1", "U1", "DC - Farragut Square", Date.UTC(2026, 11, 3, 12));
    await store.set("T1", "U1", "DC - Union Station", Date.UTC(2026, 11, 3, 13));
    const rows = await db
      .prepare("SELECT place, updated_at FROM user_places WHERE team_id = 'T1' AND user_id = 'U1'")
      .all();
    expect(rows.results).toEqual([{ place: "DC - Union Station", updated_at: "2026-12-03T13:00:00.000Z" }]);
  });

  it("keeps a place with quotes, emoji and SQL-looking text as typed, and forgets a workspace named so", async () => {
    const store = createSqlUserPlaceStore(db);
    const place = "O'Neil's 🌮 '); DROP TABLE user_places; --";
    await store.set("T1", "U5", place, 0);
    expect(await store.get("T1", "U5")).toBe(place);
    await store.set("T' OR '1'='1", "U1", place, 0);
    expect(await store.forgetTeam("T' OR '1'='1")).toBe(1);
    expect(await store.get("T1", "U5")).toBe(place);
  });
});
