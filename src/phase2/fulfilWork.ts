// What each of fulfil's answers works with: the job, its runtime's parts, and its replies.
import type { Metrics } from "../observe/metrics.js";
import type { FulfilJob } from "./job.js";
import type { FulfilDeps } from "./fulfilDeps.js";
import type { FulfilReport } from "./fulfilReport.js";
import type { JobReplies } from "./jobReplies.js";

export interface FulfilWork {
  job: FulfilJob;
  deps: FulfilDeps;
  metrics: Metrics;
  nowMs: () => number;
  logFields: FulfilReport["logFields"];
  replies: JobReplies;
}
