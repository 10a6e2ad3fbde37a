// The schema of the local database: migrations/*.sql, the very files `wrangler d1 migrations apply`
// runs on D1, applied at open in name order and recorded as wrangler records them (a row per file
// name in d1_migrations), so each runs once and a database could move between the two. All of
// them in one IMMEDIATE transaction: two processes opening a new folder at once apply them once.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseSync } from "node:sqlite";

/** wrangler's table and columns (its DEFAULT_MIGRATION_TABLE and the CREATE it runs first). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

export function applyMigrations(db: DatabaseSync, dir: string = migrationsDir()): string[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  const applied: string[] = [];
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const done = new Set(
      (db.prepare("SELECT name FROM d1_migrations").all() as { name: string }[]).map((row) => row.name),
    );
    for (const name of files) {
      if (done.has(name)) continue;
      db.exec(readFileSync(join(dir, name), "utf8"));
      db.prepare("INSERT INTO d1_migrations (name) VALUES (?1)").run(name);
      applied.push(name);
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  return applied;
}

/**
 * The repository's migrations/ folder: beside dist/ for the built CLI (package.json ships it), or
 * three folders up from this source file under the tests.
 */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "migrations");
    if (existsSync(join(candidate, "0001_claims.sql"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("the migrations/ folder (the database's schema) is missing beside slacktrux");
    dir = parent;
  }
}
