// A workspace's daily posts and follows, deleted in one statement, for the SQL subscription store
// (migrations/0002_subscriptions.sql): the (team_id, owner_id, kind) index finds them.
// (The file and DynamoDB subscription stores need the same operation: see docs/INSTALLING.md.)
import type { SqlDatabase } from "../storage/sqlDatabase.js";

export async function deleteTeamSubscriptions(db: SqlDatabase, teamId: string): Promise<number> {
  const result = await db.prepare("DELETE FROM subscriptions WHERE team_id = ?1").bind(teamId).run();
  return result.meta.changes;
}
