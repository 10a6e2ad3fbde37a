// Subscriptions on a SQL database (the local runtime's SQLite, D1 on Cloudflare Workers): one row
// per subscription in the `subscriptions` table (migrations/0002_subscriptions.sql), with the
// DynamoDB store's semantics. Nothing is scanned, which matters twice on D1: it bills rows read,
// and the cron asks every minute.
//   - A channel's digests or a user's follows: the (team_id, owner_id, kind) index.
//   - The zones in use: a skip-scan of the (time_zone, time) index, one seek per zone, rather than
//     `SELECT DISTINCT time_zone`, which reads an index entry per subscription.
//   - What is due at a local time in a zone: the same index, one range.
// The cap is checked in the INSERT itself, so simultaneous saves cannot pass it; two identical
// saves at the same moment could both be kept (harmless: `daily` lists both, Remove takes one).
import type { Logger } from "../observe/log.js";
import {
  sameSubscription,
  type AddOutcome,
  type DigestsSetBy,
  type SubscriptionStore,
} from "../subscriptions/store.js";
import {
  ownerOf,
  WEEKDAYS,
  type ChannelDigest,
  type Subscription,
  type TruckFollow,
  type Weekday,
} from "../subscriptions/subscription.js";
import type { SqlDatabase, SqlValue } from "./sqlDatabase.js";

interface Row {
  id: string;
  kind: string;
  team_id: string;
  owner_id: string;
  places: string | null;
  truck: string | null;
  time: string;
  time_zone: string;
  days: string;
  created_by: string;
  created_at: string;
}

const COLUMNS = "id, kind, team_id, owner_id, places, truck, time, time_zone, days, created_by, created_at";

/** Inserts unless the owner already has ?12 subscriptions of that kind; `changes` says which. */
const ADD_SQL =
  `INSERT INTO subscriptions (${COLUMNS}) ` +
  "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 " +
  "WHERE (SELECT COUNT(*) FROM subscriptions WHERE team_id = ?3 AND owner_id = ?4 AND kind = ?2) < ?12";

/** A subscription saved before (an import): kept as it was, caps aside; an id already here is skipped. */
export const IMPORT_SQL = `INSERT INTO subscriptions (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO NOTHING`;

const OF_OWNER_SQL = `SELECT ${COLUMNS} FROM subscriptions WHERE team_id = ?1 AND owner_id = ?2 AND kind = ?3`;

const SET_BY_SQL = `SELECT ${COLUMNS} FROM subscriptions WHERE team_id = ?1 AND created_by = ?2 AND kind = 'digest'`;

/** Only the owner's rows among the ids; RETURNING says exactly what this call removed. */
const REMOVE_SQL =
  "DELETE FROM subscriptions WHERE team_id = ?1 AND owner_id = ?2 AND id IN (SELECT value FROM json_each(?3)) " +
  `RETURNING ${COLUMNS}`;

const AT_SQL = `SELECT ${COLUMNS} FROM subscriptions WHERE time_zone = ?1 AND time = ?2`;

/** Each zone is the smallest one after the last: a seek in the index per zone in use. */
export const TIME_ZONES_SQL =
  "WITH RECURSIVE zones(time_zone) AS (" +
  "SELECT MIN(time_zone) FROM subscriptions " +
  "UNION ALL " +
  "SELECT (SELECT MIN(time_zone) FROM subscriptions WHERE time_zone > zones.time_zone) FROM zones " +
  "WHERE zones.time_zone IS NOT NULL) " +
  "SELECT time_zone FROM zones WHERE time_zone IS NOT NULL";

export function createSqlSubscriptionStore(db: SqlDatabase, log: Logger): SubscriptionStore & DigestsSetBy {
  const rowsOf = (rows: Row[]): Subscription[] =>
    rows.flatMap((row) => {
      const subscription = fromRow(row);
      if (!subscription) log.warn("unreadable subscription row skipped", { phase: "subscriptions" });
      return subscription ? [subscription] : [];
    });
  const ofOwner = async (teamId: string, ownerId: string, kind: Subscription["kind"]) =>
    rowsOf((await db.prepare(OF_OWNER_SQL).bind(teamId, ownerId, kind).all<Row>()).results);

  return {
    async add(subscription, cap): Promise<AddOutcome> {
      const mine = await ofOwner(subscription.teamId, ownerOf(subscription), subscription.kind);
      if (mine.some((s) => sameSubscription(s, subscription))) return "already";
      if (mine.length >= cap) return "at-cap";
      const result = await db
        .prepare(ADD_SQL)
        .bind(...toRow(subscription), cap)
        .run();
      // Someone else's save reached the cap between the read and this insert.
      return result.meta.changes === 1 ? "added" : "at-cap";
    },
    async digestsOf(teamId, channelId) {
      return (await ofOwner(teamId, channelId, "digest")).filter((s): s is ChannelDigest => s.kind === "digest");
    },
    async digestsSetBy(teamId, userId) {
      const rows = (await db.prepare(SET_BY_SQL).bind(teamId, userId).all<Row>()).results;
      return rowsOf(rows).filter((s): s is ChannelDigest => s.kind === "digest");
    },
    async followsOf(teamId, userId) {
      return (await ofOwner(teamId, userId, "follow")).filter((s): s is TruckFollow => s.kind === "follow");
    },
    async remove(teamId, ownerId, ids) {
      if (ids.length === 0) return [];
      const result = await db.prepare(REMOVE_SQL).bind(teamId, ownerId, JSON.stringify(ids)).all<Row>();
      return rowsOf(result.results);
    },
    async at(timeZone, time) {
      return rowsOf((await db.prepare(AT_SQL).bind(timeZone, time).all<Row>()).results);
    },
    async timeZones() {
      const result = await db.prepare(TIME_ZONES_SQL).all<{ time_zone: string }>();
      return result.results.map((row) => row.time_zone);
    },
  };
}

/** The values of ADD_SQL's ?1 to ?11, in COLUMNS' order. */
export function toRow(subscription: Subscription): SqlValue[] {
  const digest = subscription.kind === "digest";
  return [
    subscription.id,
    subscription.kind,
    subscription.teamId,
    ownerOf(subscription),
    digest ? JSON.stringify(subscription.places) : null,
    digest ? null : subscription.truck,
    subscription.time,
    subscription.timeZone,
    subscription.days.join(","),
    subscription.createdBy,
    subscription.createdAt,
  ];
}

function fromRow(row: Row): Subscription | undefined {
  const days = row.days.split(",").filter((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day));
  const { id, team_id: teamId, time, time_zone: timeZone, created_by: createdBy, created_at: createdAt } = row;
  if (!id || !teamId || !time || !timeZone || !createdBy || !createdAt || days.length === 0) return undefined;
  const common = { id, teamId, time, timeZone, days, createdBy, createdAt };
  if (row.kind === "digest" && row.owner_id) {
    const places = parsePlaces(row.places);
    return places ? { kind: "digest", ...common, channelId: row.owner_id, places } : undefined;
  }
  if (row.kind === "follow" && row.owner_id && row.truck) {
    return { kind: "follow", ...common, userId: row.owner_id, truck: row.truck };
  }
  return undefined;
}

function parsePlaces(text: string | null): string[] | undefined {
  if (text === null) return undefined;
  try {
    const places: unknown = JSON.parse(text);
    return Array.isArray(places) && places.length > 0 && places.every((place) => typeof place === "string")
      ? places
      : undefined;
  } catch {
    return undefined;
  }
}
