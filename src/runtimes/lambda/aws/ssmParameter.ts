// Reads one SSM Parameter Store value, decrypted (SecureString), through SSM's JSON API.
import { callJsonApi } from "./awsJsonApi.js";
import type { AwsService } from "./awsService.js";

/** Part of a cold start inside Slack's 3 seconds: SSM normally answers in tens of ms. */
const GET_PARAMETER_TIMEOUT_MS = 1_000;

/** `deadlineMs` (epoch ms): no try runs past it, however much of the timeout is left. */
export async function getSecureString(ssm: AwsService<"ssm">, name: string, deadlineMs?: number): Promise<string> {
  const output = await callJsonApi<{ Parameter?: { Value?: string } }>(
    ssm,
    "AmazonSSM.GetParameter",
    { Name: name, WithDecryption: true },
    { timeoutMs: GET_PARAMETER_TIMEOUT_MS, deadlineMs },
  );
  const value = output.Parameter?.Value;
  if (typeof value !== "string") throw new Error(`SSM returned no value for ${name}`);
  return value;
}
