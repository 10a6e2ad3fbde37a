// The local runtime's database: one SQLite file (node:sqlite, built into Node ≥ 22.13) behind the
// same SqlDatabase seam D1 satisfies on Workers, so the SQL stores are written once. WAL lets a
// `slacktrux tick` from cron read while `npm start` writes; a busy timeout makes a second writer
// wait its turn rather than fail; every change is one statement or one transaction, so a process
// killed mid-write leaves the last committed state (SQLite's journal, not our own locks).
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlValue } from "../../storage/sqlDatabase.js";
import { applyMigrations } from "./migrations.js";
import { describeFailure } from "../../observe/describeFailure.js";

/**
 * How long a write waits for another process's transaction before giving up (SQLITE_BUSY). The
 * driver is synchronous, so the wait blocks this process: short, as writes here take milliseconds
 * and the acks of phase 1 must not wait long behind it.
 */
export const BUSY_TIMEOUT_MS = 1_000;

export interface LocalDatabase {
  db: SqlDatabase;
  /** The driver itself, for work at open that runs before anything else (the import of an old file). */
  raw: DatabaseSync;
  close(): void;
}

export class DatabaseFileError extends Error {
  override name = "DatabaseFileError";
}

export function openSqliteDatabase(path: string): LocalDatabase {
  const sqlite = loadSqlite();
  let raw: DatabaseSync;
  try {
    raw = new sqlite.DatabaseSync(path);
    raw.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reads the header: a file that is not a database fails here, at start, not at the first command.
    raw.exec("PRAGMA journal_mode = WAL");
    // Each commit reaches the disk before a change is confirmed: no acknowledged change is lost.
    raw.exec("PRAGMA synchronous = FULL");
    raw.exec("PRAGMA foreign_keys = ON");
    applyMigrations(raw);
  } catch (error) {
    throw new DatabaseFileError(
      `${path} cannot be opened as the slacktrux database (${describeFailure(error).reason}). ` +
        "It was left as it is: restore it from a backup, or move it away to start with no subscriptions.",
    );
  }
  return { db: wrap(raw), raw, close: () => raw.close() };
}

/** node:sqlite, loaded when first needed: Node 22 prints an ExperimentalWarning for it, which says nothing to our users. */
function loadSqlite(): typeof import("node:sqlite") {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: Parameters<typeof emitWarning>[1][]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const sqlite = process.getBuiltinModule("node:sqlite") as typeof import("node:sqlite") | undefined;
    if (!sqlite) throw new DatabaseFileError(`slacktrux needs Node.js 22.13 or newer (this is ${process.version})`);
    return sqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
}

function wrap(raw: DatabaseSync): SqlDatabase {
  const statements = new Map<string, StatementSync>();
  const compiled = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = raw.prepare(sql)));
    return statement;
  };
  const bound = (sql: string, values: SqlValue[]): SqlStatement & { runNow(): SqlRunResult } => ({
    bind: (...more) => bound(sql, [...values, ...more]),
    runNow: () => ({ meta: { changes: Number(compiled(sql).run(...values).changes) } }),
    first: async <Row>() => (compiled(sql).get(...values) as Row | undefined) ?? null,
    all: async <Row>() => ({ results: compiled(sql).all(...values) as Row[] }),
    run: async () => ({ meta: { changes: Number(compiled(sql).run(...values).changes) } }),
  });
  return {
    prepare: (sql) => bound(sql, []),
    async batch(list) {
      // IMMEDIATE takes the write lock at once (waiting out the busy timeout), so the transaction
      // cannot fail halfway for another process's lock.
      raw.exec("BEGIN IMMEDIATE");
      try {
        const results = list.map((statement) => (statement as ReturnType<typeof bound>).runNow());
        raw.exec("COMMIT");
        return results;
      } catch (error) {
        raw.exec("ROLLBACK");
        throw error;
      }
    },
  };
}
