// Loads a built Lambda bundle (dist/lambda/<name>.mjs) the way Lambda does: a fresh module with
// its configuration in process.env. vi.resetModules() makes each load a cold start.
import { vi } from "vitest";

// Every variable the handlers read: cleared first, so the machine's own environment cannot leak in.
const HANDLER_VARIABLES = [
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_LAMBDA",
  "AWS_ENDPOINT_URL_SSM",
  "AWS_ENDPOINT_URL_DYNAMODB",
  "SLACK_SIGNING_SECRET",
  "SLACK_SIGNING_SECRET_PARAMETER",
  "WORKER_FUNCTION_NAME",
  "DEFAULT_PLACE",
  "IDEMPOTENCY_TABLE",
  "TRACKER_URL",
  "SLACK_RESPONSE_URL_HOSTS",
  "TRACKER_CACHE_SECONDS",
  "FULFIL_DEADLINE_MS",
  "SLACK_WEBHOOK_URL",
];
const saved = new Map<string, string | undefined>();

export async function importBundle<Handler>(
  name: "receiver" | "worker",
  env: Record<string, string>,
): Promise<Handler> {
  for (const key of [...HANDLER_VARIABLES, ...Object.keys(env)]) {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    delete process.env[key];
  }
  Object.assign(process.env, env);
  vi.resetModules();
  const url = new URL(`../../dist/lambda/${name}.mjs`, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ url)) as { handler: Handler };
  return module.handler;
}

/** Puts process.env back as it was before importBundle (call after each test). */
export function restoreEnv(): void {
  for (const [key, value] of saved) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  saved.clear();
}
