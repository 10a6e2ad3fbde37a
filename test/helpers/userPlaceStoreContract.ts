// What every saved-place store promises, written once and run on each (in memory, the SQL store on
// SQLite and on D1, the DynamoDB store through the AWS stand-in): one place per person per
// workspace, replaced on a new choice, cleared one at a time, and all of a workspace's forgotten at
// once (it uninstalled the app) without touching another's. Team ids are the contract's own
// (`TP…`), so a store shared with other tests is not disturbed.
import { describe, expect, it } from "vitest";
import type { UserPlaceStore } from "../../src/home/userPlaceStore.js";

/** Declares the contract's tests for the store `makeStore` gives (called in each test, after the caller's beforeAll). */
export function describeUserPlaceStoreContract(name: string, makeStore: () => UserPlaceStore): void {
  describe(`${name}: the saved-place store contract`, () => {
    it("reads back a saved place, replaces it on a new choice, and keeps people and workspaces apart", async () => {
      const store = makeStore();
      expect(await store.get("TP1", "U1")).toBeUndefined();
      await store.set("TP1", "U1", "DC - Farragut Square", Date.UTC(2026, 11, 3, 12));
      await store.set("TP1", "U1", "DC - Franklin Square", Date.UTC(2026, 11, 3, 13));
      await store.set("TP1", "U2", "DC - Union Station", 0);
      await store.set("TP2", "U1", "VA - Rosslyn", 0);
      expect(await store.get("TP1", "U1")).toBe("DC - Franklin Square");
      expect(await store.get("TP1", "U2")).toBe("DC - Union Station");
      expect(await store.get("TP2", "U1")).toBe("VA - Rosslyn");
      expect(await store.get("TP2", "U2")).toBeUndefined();
    });

    it("clears one person's place, and says whether there was one", async () => {
      const store = makeStore();
      await store.set("TP3", "U1", "DC - Navy Yard", 0);
      await store.set("TP3", "U2", "DC - Metro Center", 0);
      expect(await store.clear("TP3", "U1")).toBe(true);
      expect(await store.clear("TP3", "U1")).toBe(false);
      expect(await store.get("TP3", "U1")).toBeUndefined();
      expect(await store.get("TP3", "U2")).toBe("DC - Metro Center");
    });

    it("forgets every place of a workspace, counting them, and no other workspace's", async () => {
      const store = makeStore();
      for (const user of ["U1", "U2", "U3"]) await store.set("TP4", user, `DC - ${user}`, 0);
      // Ids that share a prefix with TP4 are other workspaces: only TP4's own go.
      await store.set("TP40", "U1", "DC - Farragut Square", 0);
      await store.set("TP5", "U1", "DC - Union Station", 0);
      expect(await store.forgetTeam("TP4")).toBe(3);
      for (const user of ["U1", "U2", "U3"]) expect(await store.get("TP4", user)).toBeUndefined();
      expect(await store.get("TP40", "U1")).toBe("DC - Farragut Square");
      expect(await store.get("TP5", "U1")).toBe("DC - Union Station");
      // Forgetting again (Slack sends both uninstall events, and retries) finds nothing.
      expect(await store.forgetTeam("TP4")).toBe(0);
      expect(await store.forgetTeam("TP-none")).toBe(0);
      // A place chosen after the workspace came back is kept as any other.
      await store.set("TP4", "U1", "DC - Navy Yard", 0);
      expect(await store.get("TP4", "U1")).toBe("DC - Navy Yard");
    });
  });
}
