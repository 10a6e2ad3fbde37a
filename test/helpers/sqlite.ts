// The local runtime's SQLite database in a temporary folder, migrations applied as at every open:
// for the SQL stores' tests (beside D1's, test/helpers/d1.ts) and the local database's own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDatabase, type LocalDatabase } from "../../src/runtimes/local/sqliteDatabase.js";

export interface TempSqlite extends LocalDatabase {
  dir: string;
  path: string;
  /** Closes the database and deletes the folder. */
  dispose: () => void;
}

export function openTempSqlite(): TempSqlite {
  const dir = mkdtempSync(join(tmpdir(), "slacktrux-sqlite-"));
  const path = join(dir, "slacktrux.db");
  const database = openSqliteDatabase(path);
  return {
    ...database,
    dir,
    path,
    dispose: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
