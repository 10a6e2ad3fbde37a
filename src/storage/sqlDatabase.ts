// The SQL database as the stores see it: the small asynchronous subset of D1's API that the
// stores use. D1 satisfies it as it is; the local runtime wraps an embedded SQLite to match, so
// each SQL store is written once and runs on both.

export interface SqlRunResult {
  meta: {
    /** Rows inserted, updated or deleted by the statement. */
    changes: number;
  };
}

export interface SqlStatement {
  /** Binds `?1`, `?2`… in order. */
  bind(...values: SqlValue[]): SqlStatement;
  /** The first row, or null when there is none. */
  first<Row = Record<string, unknown>>(): Promise<Row | null>;
  all<Row = Record<string, unknown>>(): Promise<{ results: Row[] }>;
  run(): Promise<SqlRunResult>;
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  /** Runs the statements in one transaction: all of them, or none. */
  batch(statements: SqlStatement[]): Promise<SqlRunResult[]>;
}

export type SqlValue = string | number | null;
