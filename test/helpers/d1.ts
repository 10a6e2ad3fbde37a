// D1 through Miniflare with the project's migrations applied, as `wrangler d1 migrations apply`
// leaves it: for the Worker's tests and the D1 stores' own.
import { readdirSync, readFileSync } from "node:fs";
import { Miniflare } from "miniflare";

const migrations = new URL("../../migrations/", import.meta.url);

/** A bare workerd with only the D1 database, migrations applied: for the D1 stores' own tests. */
export async function startD1(): Promise<{ mf: Miniflare; db: Awaited<ReturnType<Miniflare["getD1Database"]>> }> {
  const mf = new Miniflare({
    modules: true,
    script: "export default {}",
    compatibilityDate: "2026-07-01",
    d1Databases: ["DB"],
  });
  await applyMigrations(mf);
  return { mf, db: await mf.getD1Database("DB") };
}

/** migrations/*.sql in order, as `wrangler d1 migrations apply` runs them. */
export async function applyMigrations(mf: Miniflare): Promise<void> {
  const db = await mf.getD1Database("DB");
  for (const file of readdirSync(migrations).sort()) {
    const statements = readFileSync(new URL(file, migrations), "utf8")
      .replace(/--.*$/gm, "")
      .split(";")
      .map((statement) => statement.trim())
      .filter(Boolean);
    await db.batch(statements.map((statement) => db.prepare(statement)));
  }
}
