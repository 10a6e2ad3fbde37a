// "Exactly one answer" on a SQL database: a claim is one row of the `claims` table
// (migrations/0001_claims.sql), the same store on the local runtime's SQLite (every process using
// one data folder) and on D1 (every Worker isolate and queue delivery). Both are strongly
// consistent; KV is not, so two deliveries could both see a key as free there.
//
// The semantics are the memory and DynamoDB stores': a claim succeeds when no row exists or the
// row's expiry has passed; confirm() sets the expiry unconditionally (0 s lets go at once).
import type { Logger } from "../observe/log.js";
import { describeFailure } from "../observe/describeFailure.js";
import type { ClaimStore } from "../claims/claimStore.js";
import type { SqlDatabase } from "./sqlDatabase.js";

/** One statement: insert, or take over an expired row; `changes` says whether this call won. */
export const CLAIM_SQL =
  "INSERT INTO claims (key, expires_at_ms) VALUES (?1, ?2) " +
  "ON CONFLICT (key) DO UPDATE SET expires_at_ms = excluded.expires_at_ms WHERE claims.expires_at_ms <= ?3";

const CONFIRM_SQL =
  "INSERT INTO claims (key, expires_at_ms) VALUES (?1, ?2) " +
  "ON CONFLICT (key) DO UPDATE SET expires_at_ms = excluded.expires_at_ms";

const SWEEP_SQL = "DELETE FROM claims WHERE expires_at_ms <= ?1";

export interface SqlClaimStore extends ClaimStore {
  /** Deletes expired rows (a tick calls it): SQL keeps rows until told otherwise. */
  sweep(): Promise<void>;
}

export function createSqlClaimStore(db: SqlDatabase, log: Logger, nowMs: () => number = Date.now): SqlClaimStore {
  return {
    async claim(key, ttlSeconds) {
      const now = nowMs();
      try {
        const result = await db
          .prepare(CLAIM_SQL)
          .bind(key, now + ttlSeconds * 1000, now)
          .run();
        return result.meta.changes === 1;
      } catch (error) {
        // As with DynamoDB: a rare duplicate post beats an asker left with "looking…" and silence.
        log.error("claim store failed to claim, going ahead unclaimed", {
          phase: "claims",
          ...describeFailure(error),
        });
        return true;
      }
    },
    async confirm(key, ttlSeconds) {
      try {
        await db
          .prepare(CONFIRM_SQL)
          .bind(key, nowMs() + ttlSeconds * 1000)
          .run();
      } catch (error) {
        log.error("claim store failed to confirm a claim", {
          phase: "claims",
          ...describeFailure(error),
        });
      }
    },
    async sweep() {
      try {
        await db.prepare(SWEEP_SQL).bind(nowMs()).run();
      } catch (error) {
        log.warn("claim store failed to delete expired claims", {
          phase: "claims",
          error: describeFailure(error).error,
        });
      }
    },
  };
}
