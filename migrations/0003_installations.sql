-- Installations (src/installations/): the app added to a workspace ("team:<id>") or to a whole
-- Enterprise Grid organisation ("enterprise:<id>"). bot_token and refresh_token are secrets;
-- refresh_token and expires_at_ms are set when token rotation is on, and refresh_lease_until_ms
-- while one caller spends the refresh token (others wait for its result). A row is deleted when
-- the app is uninstalled or its tokens revoked.
CREATE TABLE IF NOT EXISTS installations (
  id TEXT PRIMARY KEY,
  team_id TEXT,
  enterprise_id TEXT,
  is_enterprise_install INTEGER NOT NULL,
  app_id TEXT NOT NULL,
  bot_token TEXT NOT NULL,
  bot_user_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  installed_by TEXT,
  installed_at TEXT NOT NULL,
  refresh_token TEXT,
  expires_at_ms INTEGER,
  refresh_lease_until_ms INTEGER
);
