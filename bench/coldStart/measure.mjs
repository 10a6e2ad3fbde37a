// @ts-check
// Cold-start cost of the receiver's ways of calling AWS, and of the worker, each in fresh `node`
// processes: `node bench/coldStart/measure.mjs [runs]` (default 21; prints medians).
//
// Receiver variants, bundled with the same esbuild settings as scripts/build.mjs:
//   shipped      src/runtimes/lambda/sigV4.ts (node:crypto) + src/net/httpRequest (node:http)  = dist/lambda/receiver.mjs
//   fetch        aws4fetch's AwsClient.fetch (global fetch, i.e. undici; WebCrypto)
//   sdk-bundled  @aws-sdk/client-lambda + client-ssm, bundled
//   sdk-runtime  the same SDK clients left external, loaded from node_modules (as from nodejs22.x's own SDK)
// Neither the SDK nor aws4fetch is a dependency of slacktrux: they are installed into a scratch
// folder outside the repo.
// Each run imports the bundle and answers one signed /foodtrucks event (SSM GetParameter + Lambda
// Invoke against a loopback stand-in), then idles 300 ms to catch CPU spent after the answer.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const RUNS = Number(process.argv[2] ?? 21);
const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "../..");
const scratch = process.env.COLD_START_DIR ?? join(tmpdir(), "slacktrux-coldstart");
const SIGNING_SECRET = "measure-signing-secret-0123456789";

if (
  !existsSync(join(scratch, "node_modules/@aws-sdk/client-lambda")) ||
  !existsSync(join(scratch, "node_modules/aws4fetch"))
) {
  console.error(`installing the AWS SDK clients and aws4fetch into ${scratch} (not into the project)…`);
  const npm = spawnSync(
    "npm",
    [
      "install",
      "--prefix",
      scratch,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "@aws-sdk/client-lambda@3",
      "@aws-sdk/client-ssm@3",
      "aws4fetch@1.0.20",
    ],
    { stdio: "inherit" },
  );
  if (npm.status !== 0) process.exit(1);
}

/** @type {import("esbuild").BuildOptions} */
const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  banner: {
    js: "import { createRequire as __slacktruxCreateRequire } from 'node:module'; const require = __slacktruxCreateRequire(import.meta.url);",
  },
  nodePaths: [join(scratch, "node_modules")],
};
const out = (/** @type {string} */ name) => join(scratch, `${name}.mjs`);
/** @type {Record<string, import("esbuild").BuildOptions>} */
const receivers = {
  shipped: { entryPoints: [join(root, "src/runtimes/lambda/receiver.ts")] },
  fetch: { entryPoints: [join(here, "receiverWithFetch.mjs")] },
  "sdk-bundled": { entryPoints: [join(here, "receiverWithSdk.mjs")] },
  "sdk-runtime": { entryPoints: [join(here, "receiverWithSdk.mjs")], external: ["@aws-sdk/*"] },
};
for (const [name, options] of Object.entries(receivers)) await build({ ...shared, ...options, outfile: out(name) });
await build({ ...shared, entryPoints: [join(root, "src/runtimes/lambda/worker.ts")], outfile: out("worker") });

// Loopback stand-ins: SSM, Lambda Invoke, DynamoDB PutItem, the tracker page, Slack's response_url.
const page = readFileSync(join(root, "test/fixtures/foodtruckfiesta/dc-food-truck-list.html"));
const stub = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const target = req.headers["x-amz-target"];
    if (target === "AmazonSSM.GetParameter") return res.end(JSON.stringify({ Parameter: { Value: SIGNING_SECRET } }));
    if (target === "DynamoDB_20120810.PutItem") return res.end("{}");
    const url = req.url ?? "";
    if (/^\/2015-03-31\/functions\/[^/]+\/invocations$/.test(url)) return res.writeHead(202).end();
    if (url === "/dc-food-truck-list/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    if (url.startsWith("/commands/")) return res.end("ok");
    res.writeHead(404).end();
  });
});
await new Promise((resolve) => stub.listen(0, "127.0.0.1", () => resolve(undefined)));
const endpoint = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (stub.address()).port}`;
const env = {
  ...process.env,
  NODE_NO_WARNINGS: "1",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIDMEASURE",
  AWS_SECRET_ACCESS_KEY: "measure",
  AWS_SESSION_TOKEN: "measure-token",
  AWS_ENDPOINT_URL: endpoint,
  SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret",
  WORKER_FUNCTION_NAME: "slacktrux-worker",
  CLAIMS_TABLE: "slacktrux-claims",
  TRACKER_URL: `${endpoint}/dc-food-truck-list/`,
  SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
};
/** @returns {Promise<Record<string, number>>} the child's JSON line */
const child = (/** @type {string[]} */ ...args) =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [join(here, "child.mjs"), ...args], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    proc.stdout.on("data", (chunk) => (text += chunk));
    proc.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`child ${args.join(" ")} exited ${code}`)),
    );
  });

/** @type {Record<string, Record<string, number>[]>} */
const rows = {};
for (let run = 0; run < RUNS; run++) {
  // Interleaved, so a busy moment on the machine hits every variant alike.
  for (const name of Object.keys(receivers)) {
    (rows[`receiver ${name}: import only`] ??= []).push(await child("receiver", out(name), "import"));
    (rows[`receiver ${name}: import + first answer`] ??= []).push(await child("receiver", out(name), "request"));
  }
  (rows["worker: import + first job"] ??= []).push(await child("worker", out("worker")));
}
stub.close();

const median = (/** @type {number[]} */ values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`node ${process.version}, ${RUNS} fresh processes per row, medians (ms, MB)\n`);
for (const [label, results] of Object.entries(rows)) {
  const fields = Object.keys(results[0] ?? {}).map(
    (field) => `${field} ${(median(results.map((r) => r[field] ?? NaN)) ?? NaN).toFixed(1)}`,
  );
  console.log(`${label.padEnd(42)} ${fields.join("  ")}`);
}
console.log(
  "\nbundle bytes:",
  Object.keys({ ...receivers, worker: 1 })
    .map((name) => `${name} ${statSync(out(name)).size}`)
    .join(", "),
);
