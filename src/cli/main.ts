// The `slacktrux` command line: serve | trucks | digest | tick | try | demo.
import { parseArgs } from "node:util";
import { ConfigError } from "../config/env.js";
import { DatabaseFileError } from "../runtimes/local/sqliteDatabase.js";
import { isSet, PORT, SLACK_SIGNING_SECRET, TRACKER_URL } from "../config/registry.js";
import {
  readFulfilConfig,
  readPageLayout,
  readTrackerLocation,
  cssSelectorLayoutFrom,
} from "../config/fulfilConfig.js";
import { runDemo } from "./demoCommand.js";
import { runDigest } from "./digestCommand.js";
import { runServe } from "./serveCommand.js";
import { runTrucks } from "./trucksCommand.js";
import { runTry } from "./tryCommand.js";
import { runTickCommand } from "./tickCommand.js";
import { nodeVersionProblem } from "./nodeVersion.js";

const USAGE = `Usage:
  slacktrux serve                                   run the local server (npm start); needs SLACK_SIGNING_SECRET,
                                                    or SLACK_APP_TOKEN to connect by Socket Mode instead
  slacktrux trucks [place] [--tracker URL|PATH] [--selectors JSON] [--json]
                                                    the trucks of a place (or all places) straight from the tracker;
                                                    --selectors reads it as TRACKER_KIND=selectors would
  slacktrux digest --place farragut [--place franklin] [--webhook URL] [--tracker URL|PATH]
  slacktrux digest --name NAME [--webhook URL]      post one daily digest to an incoming webhook now (for cron);
                                                    --webhook defaults to SLACK_WEBHOOK_URL, --name reads DIGESTS
  slacktrux tick [--at 2026-12-02T16:30:00Z]        run the channel digests and follows due at that minute (now by
                                                    default), then exit (for cron); needs SLACK_BOT_TOKEN
  slacktrux try "<text>" [--url http://127.0.0.1:3000]
                                                    send a signed /foodtrucks <text> to a running server, print the answers
  slacktrux demo ["<text>"]                         offline demo: local server + bundled sample page + try
`;

const out = (text: string) => process.stdout.write(text + "\n");
const err = (text: string) => process.stderr.write(text + "\n");

async function main(argv: string[]): Promise<number> {
  const tooOld = nodeVersionProblem();
  if (tooOld) {
    err(tooOld);
    return 2;
  }
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case "serve":
      return runServe(process.env, err);
    case "trucks": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          tracker: { type: "string" },
          selectors: { type: "string" },
          json: { type: "boolean", default: false },
        },
      });
      // The flags win over the environment the server reads (TRACKER_KIND, TRACKER_SELECTORS, TRACKER_URL).
      const tracker =
        values.selectors !== undefined
          ? cssSelectorLayoutFrom(values.selectors, "--selectors")
          : readPageLayout(process.env);
      const location = readTrackerLocation(
        values.tracker ?? TRACKER_URL.read(process.env),
        tracker,
        values.tracker !== undefined ? "--tracker" : "TRACKER_URL (or --tracker)",
      );
      return runTrucks({ place: positionals.join(" "), location, tracker, json: values.json ?? false, out, err });
    }
    case "digest": {
      const { values } = parseArgs({
        args: rest,
        options: {
          place: { type: "string", multiple: true },
          webhook: { type: "string" },
          name: { type: "string" },
          tracker: { type: "string" },
        },
      });
      const config = readFulfilConfig(process.env);
      if (values.tracker !== undefined)
        config.trackerLocation = readTrackerLocation(values.tracker, config.layout, "--tracker");
      return runDigest({
        places: values.place ?? [],
        webhook: values.webhook,
        name: values.name,
        config,
        env: process.env,
        out,
        err,
      });
    }
    case "tick": {
      const { values } = parseArgs({ args: rest, options: { at: { type: "string" } } });
      return runTickCommand({ at: values.at, config: readFulfilConfig(process.env), env: process.env, out, err });
    }
    case "try": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { url: { type: "string", default: `http://127.0.0.1:${PORT.read(process.env)}` } },
      });
      if (!isSet(SLACK_SIGNING_SECRET, process.env)) {
        err("SLACK_SIGNING_SECRET must be set to the secret the server uses, so the command can be signed.");
        return 2;
      }
      const signingSecret = SLACK_SIGNING_SECRET.read(process.env);
      return runTry({ text: positionals.join(" "), serverUrl: values.url, signingSecret, print: out });
    }
    case "demo":
      return runDemo(rest.join(" ") || "farragut", out);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      out(USAGE);
      return subcommand === undefined ? 2 : 0;
    default:
      err(`Unknown command "${subcommand}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof ConfigError ||
      (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      err(`slacktrux: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof DatabaseFileError) {
      err(`slacktrux: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    err(`slacktrux: unexpected error: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
