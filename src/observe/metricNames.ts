// Metric names shared by the code that emits them (EMF log lines) and the CDK dashboard/alarms.
export const METRIC_NAMESPACE = "slacktrux";
export const METRICS = {
  /** Count; dimensions: Route ("command" | "interaction"), Outcome (phase 1 outcomes: "handed-off","help","rejected","hand-off-failed","ignored","try-again") */
  requests: "Requests",
  /** Milliseconds; dimension Route */
  ackMs: "AckMs",
  /** Count; dimension Outcome (phase 2 outcomes: "posted","listed","picker","unknown-place","no-trucks","tracker-problem","too-slow","duplicate","expired","delivery-failed") */
  jobs: "Jobs",
  /** Milliseconds, no dimension */
  fulfilMs: "FulfilMs",
  /** Milliseconds, no dimension */
  trackerFetchMs: "TrackerFetchMs",
  /** Count; dimension Kind ("unreachable","bad-status","not-html","too-large","layout-changed","too-slow","redirect-refused") */
  trackerErrors: "TrackerErrors",
  /** Count, no dimension: every POST try to Slack (response_url or webhook) */
  deliveryTries: "DeliveryTries",
  /** Count, no dimension: messages that could not be delivered */
  deliveryFailures: "DeliveryFailures",
  /** Count, no dimension: jobs that found their claim taken */
  duplicates: "Duplicates",
  /** Count; dimension Reason ("throttled","timeout","unreachable"): claims that went ahead unclaimed */
  unclaimedGoAheads: "UnclaimedGoAheads",
  /** Count; dimension Kind ("access-denied","missing-table"): the claim store is misconfigured */
  claimStoreErrors: "ClaimStoreErrors",
  /** Count, no dimension: Slack refused the bot token (invalid_auth, token_revoked): no digest or follow can post */
  slackAuthErrors: "SlackAuthErrors",
} as const;
/** The values each dimension takes, in the order the comments above give them. */
export const DIMENSION_VALUES = {
  /** Route, on Requests and AckMs. */
  route: ["command", "interaction"],
  /** Outcome, on Requests (phase 1). */
  requestOutcome: ["handed-off", "help", "usage", "rejected", "hand-off-failed", "ignored", "try-again", "answered"],
  /** Outcome, on Jobs (phase 2). */
  jobOutcome: [
    "posted",
    "listed",
    "picker",
    "unknown-place",
    "no-trucks",
    "tracker-problem",
    "too-slow",
    "duplicate",
    "expired",
    "delivery-failed",
    // `daily` and `follow` commands and their Remove buttons.
    "subscribed",
    "unsubscribed",
    "unknown-truck",
    "at-cap",
    "already",
    "not-subscribed",
    "no-channel",
    "not-set-up",
    "store-failed",
    "too-many-places",
  ],
  /** Kind, on TrackerErrors. */
  trackerErrorKind: [
    "unreachable",
    "bad-status",
    "not-html",
    "too-large",
    "layout-changed",
    "too-slow",
    "redirect-refused",
  ],
  /** Reason, on UnclaimedGoAheads. */
  unclaimedReason: ["throttled", "timeout", "unreachable"],
  /** Kind, on ClaimStoreErrors. */
  claimStoreErrorKind: ["access-denied", "missing-table"],
} as const satisfies Record<string, readonly string[]>;
