// The SQL place store on workerd's own SQL database (through Miniflare) with every migration
// applied, as deployed: a saved place is read back, replaced, kept apart per person and workspace,
// and cleared.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import { createSqlUserPlaceStore } from "./sqlUserPlaceStore.js";

let mf: Miniflare;
let db: SqlDatabase;

beforeAll(async () => {
  ({ mf, db } = await startD1());
}, 30_000);
afterAll(() => mf?.dispose());

describe("the SQL user place store", () => {
  it("knows no place for someone who chose none", async () => {
    expect(await createSqlUserPlaceStore(db).get("T1", "U-none")).toBeUndefined();
  });

  it("reads back a saved place, and a new choice replaces it", async () => {
    const store = createSqlUserPlaceStore(db);
    await store.set("T1", "U1", "DC - Farragut Square", Date.UTC(2026, 11, 3, 12));
    expect(await store.get("T1", "U1")).toBe("DC - Farragut Square");
    await store.set("T1", "U1", "DC - Union Station", Date.UTC(2026, 11, 3, 13));
    expect(await store.get("T1", "U1")).toBe("DC - Union Station");
    const rows = await db.prepare("SELECT updated_at FROM user_places WHERE user_id = 'U1'").all();
    expect(rows.results).toEqual([{ updated_at: "2026-12-03T13:00:00.000Z" }]);
  });

  it("keeps people and workspaces apart", async () => {
    const store = createSqlUserPlaceStore(db);
    await store.set("T1", "U2", "DC - Metro Center", 0);
    await store.set("T2", "U2", "VA - Rosslyn", 0);
    expect(await store.get("T1", "U2")).toBe("DC - Metro Center");
    expect(await store.get("T2", "U2")).toBe("VA - Rosslyn");
    expect(await store.get("T1", "U3")).toBeUndefined();
  });

  it("clears a place, and says whether there was one", async () => {
    const store = createSqlUserPlaceStore(db);
    await store.set("T1", "U4", "DC - Navy Yard", 0);
    expect(await store.clear("T1", "U4")).toBe(true);
    expect(await store.get("T1", "U4")).toBeUndefined();
    expect(await store.clear("T1", "U4")).toBe(false);
  });

  it("keeps a place with quotes, emoji and SQL-looking text as typed", async () => {
    const store = createSqlUserPlaceStore(db);
    const place = "O'Neil's 🌮 '); DROP TABLE user_places; --";
    await store.set("T1", "U5", place, 0);
    expect(await store.get("T1", "U5")).toBe(place);
  });
});
