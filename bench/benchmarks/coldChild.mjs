// @ts-check
// One cold start, run by bench/benchmarks/coldInit.mjs in a fresh node process: import a Lambda bundle and
// handle one event, as Lambda does for the first request of a new instance. The last stdout line
// says how it went; the process exits right away, as the timing ends at its exit.
//
// usage: node coldChild.mjs receiver|worker|bolt BUNDLE EVENT_JSON
import { pathToFileURL } from "node:url";

const [kind, bundle = "", eventJson = "null"] = process.argv.slice(2);
const event = JSON.parse(eventJson);
const lambdaContext = {
  functionName: `bench-${kind}`,
  awsRequestId: "00000000-0000-4000-8000-000000000000",
  getRemainingTimeInMillis: () => 3000,
};

const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(event, lambdaContext, () => {});
const handled = performance.now();

const ok =
  kind === "worker"
    ? result === "posted"
    : result?.statusCode === 200 && (kind !== "bolt" || result.body === "please wait");
process.stdout.write(
  `\nRESULT ${JSON.stringify({ ok, result: kind === "worker" ? result : result?.statusCode, importMs: imported - started, handleMs: handled - imported })}\n`,
);
process.exit(ok ? 0 : 1);
