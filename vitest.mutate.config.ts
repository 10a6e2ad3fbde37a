// The tests a mutation run may use: the in-process tests next to the modules. The tests under
// test/ mostly drive built bundles or spawned servers, which a mutant of src/ never reaches.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

export default defineConfig({ ...base, test: { ...base.test, include: ["src/**/*.test.ts"] } });
