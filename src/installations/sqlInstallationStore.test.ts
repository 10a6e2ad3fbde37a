// The SQL installation store runs the installation store contract (test/helpers/installationStoreContract.ts)
// on workerd's own D1 (through Miniflare) and on the local runtime's SQLite, migrations applied;
// and installation ids are keyed as both stores key them.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import { describeInstallationStoreContract } from "../../test/helpers/installationStoreContract.js";
import { openTempSqlite, type TempSqlite } from "../../test/helpers/sqlite.js";
import { candidateIds, installationId } from "./installation.js";
import { createSqlInstallationStore } from "./sqlInstallationStore.js";

let mf: Miniflare;
let db: SqlDatabase;
let sqlite: TempSqlite;

beforeAll(async () => {
  const started = await startD1();
  mf = started.mf;
  db = started.db;
  sqlite = openTempSqlite();
}, 30_000);
afterAll(async () => {
  sqlite?.dispose();
  await mf?.dispose();
});

describe("installation ids", () => {
  it("keys an org-wide install by its enterprise and any other by its workspace, and looks for both", () => {
    expect(installationId({ teamId: "T1" })).toBe("team:T1");
    expect(installationId({ teamId: "T1", enterpriseId: "E1", isEnterpriseInstall: true })).toBe("enterprise:E1");
    expect(installationId({ isEnterpriseInstall: true })).toBeUndefined();
    expect(candidateIds({ teamId: "T1", enterpriseId: "E1" })).toEqual(["team:T1", "enterprise:E1"]);
    expect(candidateIds({})).toEqual([]);
  });
});

describeInstallationStoreContract("SQL installation store on D1", () => createSqlInstallationStore(db));
describeInstallationStoreContract("SQL installation store on SQLite", () => createSqlInstallationStore(sqlite.db));
