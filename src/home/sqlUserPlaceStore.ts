// People's saved places in SQL (migrations/0004_user_places.sql): one row per person, keyed by
// (team_id, user_id), so each read or write touches one row, and a workspace's rows are one range.
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import type { UserPlaceStore } from "./userPlaceStore.js";

const UPSERT_SQL =
  "INSERT INTO user_places (team_id, user_id, place, updated_at) VALUES (?1, ?2, ?3, ?4) " +
  "ON CONFLICT (team_id, user_id) DO UPDATE SET place = excluded.place, updated_at = excluded.updated_at";

export function createSqlUserPlaceStore(db: SqlDatabase): UserPlaceStore {
  return {
    async get(teamId, userId) {
      const row = await db
        .prepare("SELECT place FROM user_places WHERE team_id = ?1 AND user_id = ?2")
        .bind(teamId, userId)
        .first<{ place: string }>();
      return row?.place;
    },
    async set(teamId, userId, place, nowMs) {
      await db.prepare(UPSERT_SQL).bind(teamId, userId, place, new Date(nowMs).toISOString()).run();
    },
    async clear(teamId, userId) {
      const result = await db
        .prepare("DELETE FROM user_places WHERE team_id = ?1 AND user_id = ?2")
        .bind(teamId, userId)
        .run();
      return result.meta.changes > 0;
    },
    async forgetTeam(teamId) {
      // The primary key's first column: one range of the index, no table scan.
      const result = await db.prepare("DELETE FROM user_places WHERE team_id = ?1").bind(teamId).run();
      return result.meta.changes;
    },
  };
}
