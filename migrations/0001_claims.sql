-- Claims: "exactly one answer" per command and per scheduled digest run (src/claims/). A row is
-- taken while expires_at_ms is in the future; an expired row is free to claim again, and the
-- Worker's cron deletes expired rows (D1 has no TTL of its own).
CREATE TABLE IF NOT EXISTS claims (
  key TEXT PRIMARY KEY,
  expires_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_by_expiry ON claims (expires_at_ms);
