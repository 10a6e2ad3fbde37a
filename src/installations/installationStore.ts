// Where installations are kept: SQL (sqlInstallationStore.ts: D1 on Workers, SQLite locally), and
// DynamoDB on AWS. Token rotation needs two conditional writes keyed on the refresh token, so
// that across processes a refresh token is spent once: beginRefresh takes a short lease on it
// (only the winner calls Slack), finishRefresh swaps in the new tokens if it is still the one spent.
import type { Installation } from "./installation.js";

/** The result of spending a refresh token. */
export interface RotatedToken {
  botToken: string;
  refreshToken: string;
  botTokenExpiresAtMs: number;
}

export interface InstallationStore {
  /** Saves it, replacing any installation with the same id (a re-install). */
  save(installation: Installation): Promise<void>;
  find(id: string): Promise<Installation | undefined>;
  /** Deletes the installations with these ids; returns how many there were. */
  delete(ids: readonly string[]): Promise<number>;
  /**
   * Takes the right to spend `refreshToken` until `nowMs + leaseMs`: true only when the
   * installation still holds that refresh token and no one else holds an unexpired lease.
   */
  beginRefresh(id: string, refreshToken: string, nowMs: number, leaseMs: number): Promise<boolean>;
  /** Swaps in the new tokens if the installation still holds `spent`; false when it does not. */
  finishRefresh(id: string, spent: string, rotated: RotatedToken): Promise<boolean>;
  /** Lets go of a lease after a failed refresh, so another caller may try. */
  abandonRefresh(id: string, refreshToken: string): Promise<void>;
}

export class InstallationStoreError extends Error {
  override name = "InstallationStoreError";
}
