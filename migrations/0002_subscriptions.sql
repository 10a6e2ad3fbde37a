-- Subscriptions set up from Slack (src/subscriptions/): a channel's daily digests and people's
-- truck follows. Users' data, unlike claims: nothing here expires or is swept. owner_id is the
-- channel of a digest or the user of a follow; places (a JSON list) is a digest's, truck a
-- follow's. No message contents, no tokens, no response URLs.
CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('digest', 'follow')),
  team_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  places TEXT,
  truck TEXT,
  time TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  days TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- A channel's digests or a user's follows (lists, the cap, removal).
CREATE INDEX IF NOT EXISTS subscriptions_by_owner ON subscriptions (team_id, owner_id, kind);
-- What is due: the zones in use (a skip-scan of this index) and, per zone, one local time.
CREATE INDEX IF NOT EXISTS subscriptions_by_due ON subscriptions (time_zone, time);
