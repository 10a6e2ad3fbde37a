// Measurement variant (not shipped): the receiver with the AWS SDK v3 clients making its two AWS
// calls (SSM GetParameter, Lambda Invoke). Everything else is the shipped code.
// Not type-checked (excluded in tsconfig.json): the packages it compares are installed by measure.mjs
// into a temporary folder, never into the project.
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { createLogger } from "../../src/observe/log.js";
import { acknowledge } from "../../src/phase1/acknowledge.js";
import { textResponse } from "../../src/web/exchange.js";
import { toFunctionUrlResult, toInboundRequest } from "../../src/runtimes/lambda/functionUrlEvent.js";
import { createSigningSecretSource } from "../../src/runtimes/lambda/signingSecret.js";

const log = createLogger();
let ssm;
let lambda;
const signingSecret = createSigningSecretSource(process.env, async (name) => {
  ssm ??= new SSMClient({});
  const output = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return output.Parameter?.Value ?? "";
});
const handOff = async (job) => {
  lambda ??= new LambdaClient({});
  const payload = new TextEncoder().encode(JSON.stringify(job));
  const output = await lambda.send(
    new InvokeCommand({ FunctionName: process.env.WORKER_FUNCTION_NAME, InvocationType: "Event", Payload: payload }),
  );
  if (output.StatusCode !== 202) throw new Error(`invoke answered ${output.StatusCode}`);
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
