// Phase 1 has Slack's 3 seconds. A runtime whose secret read or hand-off ran out of its share of
// them throws this, and the user is asked to try again rather than left with Slack's timeout.
export class OutOfTime extends Error {
  override name = "OutOfTime";
}
