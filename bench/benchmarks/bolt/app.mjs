// The minimal Bolt JS equivalent of our receiver, for comparison only: an App on
// AwsLambdaReceiver whose /foodtrucks listener acks "please wait". Bundled at bench time with
// our esbuild settings (bench/harness/bundle.mjs); never shipped.
import bolt from "@slack/bolt";

const { App, AwsLambdaReceiver, LogLevel } = bolt;

const receiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? "" });

const app = new App({
  // A single-workspace app needs a token. Bolt calls auth.test to verify it at start-up and to learn
  // the bot's ids on the first event: network calls our receiver does not make, so both are
  // avoided (no verification, ids given), as a tuned production Bolt app would.
  token: process.env.SLACK_BOT_TOKEN ?? "xoxb-bench-token",
  tokenVerificationEnabled: false,
  botId: "B0BENCH",
  botUserId: "U0BENCHBOT",
  receiver,
  logLevel: LogLevel.WARN,
});

app.command("/foodtrucks", async ({ ack }) => {
  await ack("please wait");
});

// Bolt's documented Lambda entry point.
/** @type {import("@slack/bolt/dist/receivers/AwsLambdaReceiver.js").AwsHandler} */
export const handler = async (event, context, callback) => {
  const handle = await receiver.start();
  return handle(event, context, callback);
};
