-- Runs of subscriptions that Slack refused for the bot token (src/subscriptions/refusedRuns.ts):
-- later ticks retry each until it posts or its local day is over, then delete it (and delete one
-- whose subscription is gone when they next read it). One row per subscription per local day.
-- No tokens, no message contents.
CREATE TABLE IF NOT EXISTS refused_runs (
  subscription_id TEXT NOT NULL,
  day TEXT NOT NULL,
  team_id TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  time TEXT NOT NULL,
  due_at TEXT NOT NULL,
  last_tried_ms INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, day)
);
