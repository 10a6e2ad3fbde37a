// Why the tracker's listings could not be had; each kind has its own message for the user.
export type TrackerErrorKind =
  | "unreachable" // network error, DNS, connection refused or not made in time
  | "bad-status" // non-2xx answer
  | "not-html" // wrong content type
  | "too-large" // over the body limit
  | "layout-changed" // the page parsed to no places at all
  | "too-slow" // connected but the page did not arrive in time, or phase 2's deadline passed
  | "redirect-refused"; // a redirect off the tracker's own host, to plain http, or too many of them

export class TrackerError extends Error {
  constructor(
    readonly kind: TrackerErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "TrackerError";
  }
}
