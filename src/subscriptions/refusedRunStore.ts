// Where the tick keeps the runs Slack refused for their bot token (invalid_auth, token_revoked, no
// token for the workspace), so a later tick posts them once the token works, the same local day:
// SQL (storage/sqlRefusedRunStore.ts) locally and on D1, DynamoDB on AWS
// (aws/dynamoRefusedRunStore.ts), this memory store when a runtime plugs in none. A record holds
// only what finds its subscription again and paces its retries: no token, no message.

export interface RefusedRun {
  subscriptionId: string;
  teamId: string;
  /** The subscription's zone and local "HH:MM": with them the tick finds it again (SubscriptionStore.at). */
  timeZone: string;
  time: string;
  /** The run's local date, "YYYY-MM-DD" in timeZone: with subscriptionId, the record's key (as the run's claim). */
  day: string;
  /** ISO-8601: the minute the run was due. */
  dueAt: string;
  /** Epoch ms: the tick minute of the last refusal, which paces the workspace's retries. */
  lastTriedMs: number;
}

export interface RefusedRunStore {
  /** Saves the record, or updates the one of the same subscription and day. */
  save(run: RefusedRun): Promise<void>;
  /** Deletes the record of that subscription's run that day, if any. */
  delete(subscriptionId: string, day: string): Promise<void>;
  /** Every record: a handful at most (today's refused runs), read once a tick. */
  list(): Promise<RefusedRun[]>;
}

export function createMemoryRefusedRunStore(): RefusedRunStore {
  const runs = new Map<string, RefusedRun>();
  const key = (subscriptionId: string, day: string) => `${subscriptionId}\u0000${day}`;
  return {
    async save(run) {
      runs.set(key(run.subscriptionId, run.day), { ...run });
    },
    async delete(subscriptionId, day) {
      runs.delete(key(subscriptionId, day));
    },
    async list() {
      return [...runs.values()].map((run) => ({ ...run }));
    },
  };
}
