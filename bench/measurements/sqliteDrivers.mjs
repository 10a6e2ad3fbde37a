#!/usr/bin/env node
// @ts-check
// node:sqlite against better-sqlite3 on the statements the stores run most, with the settings the
// local database uses (WAL, synchronous=FULL): N follows saved with the cap checked in the INSERT
// (one transaction each, as a command does), then N reads of one user's follows, then N claims.
// Plain `?` parameters: better-sqlite3 binds numbered ones (?1) differently.
// better-sqlite3 is not a dependency: pass the folder it is installed in to compare, e.g.
//   node bench/measurements/sqliteDrivers.mjs 2000 /tmp/bs3/node_modules/better-sqlite3
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [count = "2000", betterSqlitePath] = process.argv.slice(2);
const n = Number(count);

/** @param {string} name @param {(path: string) => { exec(sql: string): void; prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] } ; close(): void }} open */
function measure(name, open) {
  const dir = mkdtempSync(join(tmpdir(), "slacktrux-sqlite-bench-"));
  const db = open(join(dir, "bench.db"));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 1000");
  db.exec(
    "CREATE TABLE subscriptions (id TEXT PRIMARY KEY, kind TEXT, team_id TEXT, owner_id TEXT, truck TEXT, time TEXT, time_zone TEXT);" +
      "CREATE INDEX by_owner ON subscriptions (team_id, owner_id, kind);" +
      "CREATE TABLE claims (key TEXT PRIMARY KEY, expires_at_ms INTEGER NOT NULL);",
  );
  const add = db.prepare(
    "INSERT INTO subscriptions SELECT ?, 'follow', 'T1', ?, ?, '10:30', 'America/New_York' " +
      "WHERE (SELECT COUNT(*) FROM subscriptions WHERE team_id = 'T1' AND owner_id = ? AND kind = 'follow') < 10",
  );
  const ofOwner = db.prepare("SELECT * FROM subscriptions WHERE team_id = 'T1' AND owner_id = ? AND kind = 'follow'");
  const claim = db.prepare(
    "INSERT INTO claims (key, expires_at_ms) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires_at_ms = excluded.expires_at_ms WHERE claims.expires_at_ms <= ?",
  );
  const time = (/** @type {(i: number) => unknown} */ work) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) work(i);
    return Math.round(((performance.now() - started) * 1000) / n); // µs per operation
  };
  const result = {
    driver: name,
    node: process.version,
    operations: n,
    addUs: time((/** @type {number} */ i) => add.run(`s${i}`, `U${i % 500}`, `Truck ${i}`, `U${i % 500}`)),
    readOwnerUs: time((/** @type {number} */ i) => ofOwner.all(`U${i % 500}`)),
    claimUs: time((/** @type {number} */ i) => claim.run(`k${i}`, Date.now() + 60_000, Date.now())),
  };
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const sqlite = process.getBuiltinModule("node:sqlite");
if (sqlite) console.log(JSON.stringify(measure("node:sqlite", (path) => new sqlite.DatabaseSync(path))));
else console.log(JSON.stringify({ driver: "node:sqlite", node: process.version, skipped: "needs Node 22.13+" }));
if (betterSqlitePath) {
  const Database = createRequire(import.meta.url)(betterSqlitePath);
  console.log(JSON.stringify(measure("better-sqlite3", (path) => new Database(path))));
}
