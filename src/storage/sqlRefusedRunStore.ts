// The runs Slack refused for their bot token on a SQL database (the local runtime's SQLite, D1 on
// Cloudflare Workers): one row per subscription and local day in `refused_runs`
// (migrations/0006_refused_runs.sql). A save for a subscription already removed saves nothing; a
// row whose subscription is removed later is deleted by the tick that next reads it
// (subscriptions/refusedRuns.ts), as on DynamoDB. The table holds today's refused runs: the tick
// reads it whole.
import type { RefusedRun, RefusedRunStore } from "../subscriptions/refusedRunStore.js";
import type { SqlDatabase } from "./sqlDatabase.js";

interface Row {
  subscription_id: string;
  day: string;
  team_id: string;
  time_zone: string;
  time: string;
  due_at: string;
  last_tried_ms: number;
}

const SAVE_SQL =
  "INSERT INTO refused_runs (subscription_id, day, team_id, time_zone, time, due_at, last_tried_ms) " +
  "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = ?1) " +
  "ON CONFLICT (subscription_id, day) DO UPDATE SET last_tried_ms = excluded.last_tried_ms";

const DELETE_SQL = "DELETE FROM refused_runs WHERE subscription_id = ?1 AND day = ?2";

const LIST_SQL =
  "SELECT subscription_id, day, team_id, time_zone, time, due_at, last_tried_ms FROM refused_runs ORDER BY due_at, subscription_id";

export function createSqlRefusedRunStore(db: SqlDatabase): RefusedRunStore {
  return {
    async save(run) {
      await db
        .prepare(SAVE_SQL)
        .bind(run.subscriptionId, run.day, run.teamId, run.timeZone, run.time, run.dueAt, run.lastTriedMs)
        .run();
    },
    async delete(subscriptionId, day) {
      await db.prepare(DELETE_SQL).bind(subscriptionId, day).run();
    },
    async list() {
      const { results } = await db.prepare(LIST_SQL).all<Row>();
      return results.map((row): RefusedRun => ({
        subscriptionId: row.subscription_id,
        teamId: row.team_id,
        timeZone: row.time_zone,
        time: row.time,
        day: row.day,
        dueAt: row.due_at,
        lastTriedMs: Number(row.last_tried_ms),
      }));
    },
  };
}
