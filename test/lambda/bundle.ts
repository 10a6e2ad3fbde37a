// Loads a built Lambda bundle (dist/lambda/<name>.mjs) the way Lambda does: a fresh module with
// its configuration in process.env. vi.resetModules() makes each load a cold start.
import { vi } from "vitest";
import { allSettings } from "../../src/config/registry.js";
import { lambdaSettings } from "../../src/runtimes/lambda/lambdaSettings.js";

// Every variable slacktrux reads (the registry's list): cleared first, so the machine's own
// environment cannot leak in.
const HANDLER_VARIABLES = [...allSettings(), ...lambdaSettings()].map((setting) => setting.name);
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
