// Where each person's saved place is kept: the place their Home shows today's trucks for. SQL
// (sqlUserPlaceStore.ts) on D1 and the local SQLite, DynamoDB on AWS (dynamoUserPlaceStore.ts); in
// memory for tests and one-off runs. A workspace's places go when it uninstalls the app.

export interface UserPlaceStore {
  /** The place `userId` chose, as the tracker printed it; undefined when they chose none. */
  get(teamId: string, userId: string): Promise<string | undefined>;
  /** Saves (or replaces) `userId`'s place. */
  set(teamId: string, userId: string, place: string, nowMs: number): Promise<void>;
  /** Forgets `userId`'s place; false when there was none. */
  clear(teamId: string, userId: string): Promise<boolean>;
  /** Forgets every place saved in `teamId` (the workspace uninstalled the app); returns how many. */
  forgetTeam(teamId: string): Promise<number>;
}

export function createMemoryUserPlaceStore(): UserPlaceStore {
  const places = new Map<string, string>();
  const key = (teamId: string, userId: string) => `${teamId}\n${userId}`;
  return {
    get: async (teamId, userId) => places.get(key(teamId, userId)),
    set: async (teamId, userId, place) => void places.set(key(teamId, userId), place),
    clear: async (teamId, userId) => places.delete(key(teamId, userId)),
    async forgetTeam(teamId) {
      const theirs = [...places.keys()].filter((placeKey) => placeKey.startsWith(`${teamId}\n`));
      for (const placeKey of theirs) places.delete(placeKey);
      return theirs.length;
    },
  };
}
