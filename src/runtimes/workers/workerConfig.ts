// A Worker's `env` holds bindings (D1, queues) beside its vars and secrets: the app core reads the
// strings, with the same variable names and messages as every other runtime (config/registry.ts).
import type { Env } from "../../config/env.js";

export function textVariables(env: object): Env {
  const text: Env = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") text[name] = value;
  return text;
}
