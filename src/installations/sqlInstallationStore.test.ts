// The SQL installation store on workerd's own D1 (through Miniflare), migrations applied: one
// installation per workspace or per organisation, a re-install replacing the old one, deletion
// that says how many went, and the two conditional writes token rotation stands on.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import { workspaceInstall } from "../../test/helpers/installations.js";
import { candidateIds, installationId, type Installation } from "./installation.js";
import { createSqlInstallationStore } from "./sqlInstallationStore.js";

let mf: Miniflare;
let db: SqlDatabase;

beforeAll(async () => {
  const started = await startD1();
  mf = started.mf;
  db = started.db;
}, 30_000);
afterAll(() => mf?.dispose());

describe("installation ids", () => {
  it("keys an org-wide install by its enterprise and any other by its workspace, and looks for both", () => {
    expect(installationId({ teamId: "T1" })).toBe("team:T1");
    expect(installationId({ teamId: "T1", enterpriseId: "E1", isEnterpriseInstall: true })).toBe("enterprise:E1");
    expect(installationId({ isEnterpriseInstall: true })).toBeUndefined();
    expect(candidateIds({ teamId: "T1", enterpriseId: "E1" })).toEqual(["team:T1", "enterprise:E1"]);
    expect(candidateIds({})).toEqual([]);
  });
});

describe("SQL installation store (D1)", () => {
  it("saves, finds, replaces on re-install and deletes", async () => {
    const store = createSqlInstallationStore(db);
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

  it("gives a refresh token's lease to one caller, and swaps tokens only for the refresh token spent", async () => {
    const store = createSqlInstallationStore(db);
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
  });
});
