-- The daily posts one person set up, in every channel (the App Home lists them with Remove).
CREATE INDEX IF NOT EXISTS subscriptions_by_creator ON subscriptions (team_id, created_by, kind);
