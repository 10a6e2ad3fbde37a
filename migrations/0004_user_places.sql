-- Each person's saved place (src/home/): the place their Home tab shows today's trucks for, as
-- the tracker printed it when they chose it. One row per person per workspace; nothing expires.
-- No message contents, no tokens.
CREATE TABLE IF NOT EXISTS user_places (
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  place TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
