// What every installation store promises, written once and run on each (the SQL store on SQLite
// and on D1, the DynamoDB store through the AWS stand-in): one installation per workspace or per
// organisation, a re-install replacing the old one, deletion that says how many went, and the two
// conditional writes token rotation stands on.
import { describe, expect, it } from "vitest";
import type { Installation } from "../../src/installations/installation.js";
import type { InstallationStore } from "../../src/installations/installationStore.js";
import { workspaceInstall } from "./installations.js";

/** Declares the contract's tests for the store `makeStore` gives (called in each test, after the caller's beforeAll). */
export function describeInstallationStoreContract(name: string, makeStore: () => InstallationStore): void {
  describe(`${name}: the installation store contract`, () => {
    it("saves, finds, replaces on re-install and deletes", async () => {
      const store = makeStore();
      const first = workspaceInstall("T100");
      await store.save(first);
      expect(await store.find("team:T100")).toEqual(first);
      const again = workspaceInstall("T100", {
        botToken: "xoxb-T100-2",
        installedBy: "U2",
        refreshToken: "r1",
        botTokenExpiresAtMs: 5,
      });
      await store.save(again);
      expect(await store.find("team:T100")).toEqual(again);
      const org: Installation = {
        ...workspaceInstall("unused"),
        id: "enterprise:E1",
        teamId: undefined,
        enterpriseId: "E1",
        isEnterpriseInstall: true,
      };
      await store.save(org);
      expect(await store.find("enterprise:E1")).toEqual(org);
      expect(await store.delete(["team:T100", "enterprise:E1", "team:none"])).toBe(2);
      expect(await store.delete(["team:T100"])).toBe(0);
      expect(await store.find("team:T100")).toBeUndefined();
    });

    it("keeps an organisation's install that names no installer", async () => {
      const store = makeStore();
      const org: Installation = {
        ...workspaceInstall("unused"),
        id: "enterprise:E2",
        teamId: undefined,
        enterpriseId: "E2",
        isEnterpriseInstall: true,
        installedBy: undefined,
      };
      await store.save(org);
      expect(await store.find("enterprise:E2")).toEqual(org);
      expect(await store.delete(["enterprise:E2"])).toBe(1);
    });

    it("gives a refresh token's lease to one caller, and swaps tokens only for the refresh token spent", async () => {
      const store = makeStore();
      await store.save(workspaceInstall("T200", { refreshToken: "r1", botTokenExpiresAtMs: 1_000 }));
      const leases = await Promise.all([1, 2, 3].map(() => store.beginRefresh("team:T200", "r1", 100, 30_000)));
      expect(leases.filter(Boolean)).toHaveLength(1);
      // A lease that lapsed may be taken again; a refresh token no longer held may not.
      expect(await store.beginRefresh("team:T200", "r1", 30_101, 30_000)).toBe(true);
      expect(await store.beginRefresh("team:T200", "r0", 90_000, 30_000)).toBe(false);
      const rotated = { botToken: "xoxb-T200-2", refreshToken: "r2", botTokenExpiresAtMs: 50_000 };
      expect(await store.finishRefresh("team:T200", "r1", rotated)).toBe(true);
      expect(await store.finishRefresh("team:T200", "r1", { ...rotated, botToken: "late" })).toBe(false);
      expect(await store.find("team:T200")).toMatchObject({
        botToken: "xoxb-T200-2",
        refreshToken: "r2",
        botTokenExpiresAtMs: 50_000,
      });
      // The new refresh token carries no lease; an abandoned lease frees the token at once.
      expect(await store.beginRefresh("team:T200", "r2", 60_000, 30_000)).toBe(true);
      await store.abandonRefresh("team:T200", "r2");
      expect(await store.beginRefresh("team:T200", "r2", 60_001, 30_000)).toBe(true);
      // Abandoning a token no longer held changes nothing; an installation that is gone has no lease to give.
      await store.abandonRefresh("team:T200", "r1");
      expect(await store.beginRefresh("team:T200", "r2", 60_002, 30_000)).toBe(false);
      expect(await store.beginRefresh("team:none", "r2", 60_002, 30_000)).toBe(false);
      expect(await store.finishRefresh("team:none", "r2", rotated)).toBe(false);
      expect(await store.find("team:none")).toBeUndefined();
    });
  });
}
