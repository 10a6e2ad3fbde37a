// The bundle that is deployed: dist/lambda/receiver.mjs (npm test builds it first), configured
// only through process.env as on Lambda. Re-importing it after vi.resetModules() is a cold start.
import { readFileSync, statSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import type { Receiver } from "../../src/runtimes/lambda/receiver.js";
import { importBundle, restoreEnv } from "./bundle.js";
import { describeReceiver } from "./receiverContract.js";

afterEach(restoreEnv);

describeReceiver("receiver (dist/lambda/receiver.mjs)", (env) => importBundle<Receiver>("receiver", env));

it("keeps the receiver bundle small: no job code, no AWS SDK (its cold start is in Slack's 3 s)", () => {
  // The request side only. It holds the tracker's parsers (htmlparser2, entities, css-select: most
  // of it), which the modals' options and checks read within Slack's 3 s, but no fulfil, digest or
  // tick code, and no SDK.
  expect(statSync(new URL("../../dist/lambda/receiver.mjs", import.meta.url)).size).toBeLessThanOrEqual(200 * 1024);
  const bundle = readFileSync(new URL("../../dist/lambda/receiver.mjs", import.meta.url), "utf8");
  expect(bundle).not.toContain("tick: posts failed");
  expect(bundle).not.toContain("digest crashed");
});

it("imports neither node:http nor node:https up front: the one a request needs is taken then (Node 24's cold start)", () => {
  const bundle = readFileSync(new URL("../../dist/lambda/receiver.mjs", import.meta.url), "utf8");
  const imported = [...bundle.matchAll(/\bfrom\s*"(node:[a-z_/]+)"/g)].map((match) => match[1]);
  expect(imported).not.toContain("node:http");
  expect(imported).not.toContain("node:https");
});
