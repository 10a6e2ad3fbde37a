// `--at ISO-8601`, as `tick` and `due` take it: the minute to run, now when absent.

/** The time, or what is wrong with the flag (exit 2). */
export function readAtFlag(text: string | undefined): Date | string {
  const at = text === undefined ? new Date() : new Date(text);
  return Number.isNaN(at.getTime()) ? "--at must be an ISO-8601 time, e.g. 2026-12-02T16:30:00Z" : at;
}
