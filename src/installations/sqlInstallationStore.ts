// Installations in SQL (migrations/0003_installations.sql), over the SqlDatabase seam: D1 on
// Workers, SQLite locally. Rotation's two steps are conditional UPDATEs on the refresh token, so
// whichever process or isolate runs them, a refresh token is spent by the one caller whose lease
// was written, and only the result of that spend is kept.
import type { SqlDatabase, SqlValue } from "../storage/sqlDatabase.js";
import type { Installation } from "./installation.js";
import type { InstallationStore } from "./installationStore.js";

interface Row {
  id: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  app_id: string;
  bot_token: string;
  bot_user_id: string;
  scopes: string;
  installed_by: string | null;
  installed_at: string;
  refresh_token: string | null;
  expires_at_ms: number | null;
}

const COLUMNS =
  "id, team_id, enterprise_id, is_enterprise_install, app_id, bot_token, bot_user_id, scopes, installed_by, " +
  "installed_at, refresh_token, expires_at_ms";

/** A re-install replaces the row, lease included. */
const SAVE_SQL =
  `INSERT INTO installations (${COLUMNS}, refresh_lease_until_ms) ` +
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL) " +
  "ON CONFLICT (id) DO UPDATE SET team_id = ?2, enterprise_id = ?3, is_enterprise_install = ?4, app_id = ?5, " +
  "bot_token = ?6, bot_user_id = ?7, scopes = ?8, installed_by = ?9, installed_at = ?10, refresh_token = ?11, " +
  "expires_at_ms = ?12, refresh_lease_until_ms = NULL";

const FIND_SQL = `SELECT ${COLUMNS} FROM installations WHERE id = ?1`;

const DELETE_SQL = "DELETE FROM installations WHERE id IN (SELECT value FROM json_each(?1))";

export const BEGIN_REFRESH_SQL =
  "UPDATE installations SET refresh_lease_until_ms = ?3 " +
  "WHERE id = ?1 AND refresh_token = ?2 AND (refresh_lease_until_ms IS NULL OR refresh_lease_until_ms <= ?4)";

export const FINISH_REFRESH_SQL =
  "UPDATE installations SET bot_token = ?3, refresh_token = ?4, expires_at_ms = ?5, refresh_lease_until_ms = NULL " +
  "WHERE id = ?1 AND refresh_token = ?2";

const ABANDON_REFRESH_SQL =
  "UPDATE installations SET refresh_lease_until_ms = NULL WHERE id = ?1 AND refresh_token = ?2";

export function createSqlInstallationStore(db: SqlDatabase): InstallationStore {
  return {
    async save(installation) {
      const values: SqlValue[] = [
        installation.id,
        installation.teamId ?? null,
        installation.enterpriseId ?? null,
        installation.isEnterpriseInstall ? 1 : 0,
        installation.appId,
        installation.botToken,
        installation.botUserId,
        installation.scopes,
        installation.installedBy ?? null,
        installation.installedAt,
        installation.refreshToken ?? null,
        installation.botTokenExpiresAtMs ?? null,
      ];
      await db
        .prepare(SAVE_SQL)
        .bind(...values)
        .run();
    },
    async find(id) {
      const row = await db.prepare(FIND_SQL).bind(id).first<Row>();
      return row ? fromRow(row) : undefined;
    },
    async delete(ids) {
      if (ids.length === 0) return 0;
      const result = await db.prepare(DELETE_SQL).bind(JSON.stringify(ids)).run();
      return result.meta.changes;
    },
    async beginRefresh(id, refreshToken, nowMs, leaseMs) {
      const result = await db
        .prepare(BEGIN_REFRESH_SQL)
        .bind(id, refreshToken, nowMs + leaseMs, nowMs)
        .run();
      return result.meta.changes === 1;
    },
    async finishRefresh(id, spent, rotated) {
      const result = await db
        .prepare(FINISH_REFRESH_SQL)
        .bind(id, spent, rotated.botToken, rotated.refreshToken, rotated.botTokenExpiresAtMs)
        .run();
      return result.meta.changes === 1;
    },
    async abandonRefresh(id, refreshToken) {
      await db.prepare(ABANDON_REFRESH_SQL).bind(id, refreshToken).run();
    },
  };
}

function fromRow(row: Row): Installation {
  return {
    id: row.id,
    teamId: row.team_id ?? undefined,
    enterpriseId: row.enterprise_id ?? undefined,
    isEnterpriseInstall: row.is_enterprise_install === 1,
    appId: row.app_id,
    botToken: row.bot_token,
    botUserId: row.bot_user_id,
    scopes: row.scopes,
    installedBy: row.installed_by ?? undefined,
    installedAt: row.installed_at,
    refreshToken: row.refresh_token ?? undefined,
    botTokenExpiresAtMs: row.expires_at_ms ?? undefined,
  };
}
