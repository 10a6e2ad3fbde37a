// Measurement variant (not shipped): the receiver with aws4fetch's AwsClient.fetch (the global
// fetch, i.e. undici) making its two AWS calls. Everything else is the shipped code.
// Not type-checked (excluded in tsconfig.json): the packages it compares are installed by measure.mjs
// into a temporary folder, never into the project.
import { AwsClient } from "aws4fetch";
import { createLogger } from "../../src/observe/log.js";
import { acknowledge } from "../../src/phase1/acknowledge.js";
import { textResponse } from "../../src/web/exchange.js";
import { toFunctionUrlResult, toInboundRequest } from "../../src/runtimes/lambda/functionUrlEvent.js";
import { createSigningSecretSource } from "../../src/runtimes/lambda/signingSecret.js";

const env = process.env;
const log = createLogger();
let aws;
const client = () =>
  (aws ??= new AwsClient({
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    sessionToken: env.AWS_SESSION_TOKEN,
    region: env.AWS_REGION,
    retries: 1,
  }));
const signingSecret = createSigningSecretSource(env, async (name) => {
  const response = await client().fetch(`${env.AWS_ENDPOINT_URL}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" },
    body: JSON.stringify({ Name: name, WithDecryption: true }),
    aws: { service: "ssm" },
    signal: AbortSignal.timeout(1_000),
  });
  return (await response.json()).Parameter.Value;
});
const handOff = async (job) => {
  const response = await client().fetch(
    `${env.AWS_ENDPOINT_URL}/2015-03-31/functions/${env.WORKER_FUNCTION_NAME}/invocations`,
    {
      method: "POST",
      headers: { "content-type": "application/json", "x-amz-invocation-type": "Event" },
      body: JSON.stringify(job),
      aws: { service: "lambda" },
      signal: AbortSignal.timeout(1_500),
    },
  );
  await response.arrayBuffer();
  if (response.status !== 202) throw new Error(`invoke answered ${response.status}`);
};

export async function handler(event) {
  let secret;
  try {
    secret = await signingSecret();
  } catch {
    return toFunctionUrlResult(textResponse(503, "slacktrux is not configured yet"));
  }
  return toFunctionUrlResult(await acknowledge(toInboundRequest(event), { signingSecret: secret, handOff, log }));
}
