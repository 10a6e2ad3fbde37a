// The `slacktrux` command line: serve | trucks | digest | tick | due | try | demo.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/env.js";
import { DatabaseFileError } from "../runtimes/local/sqliteDatabase.js";
import { isSet, PORT, SLACK_SIGNING_SECRET, TRACKER_URL } from "../config/registry.js";
import {
  readFulfilConfig,
  readPageLayout,
  readTrackerLocation,
  cssSelectorLayoutFrom,
  checkPageLayout,
} from "../config/fulfilConfig.js";
import { runDemo } from "./demoCommand.js";
import { runDigest } from "./digestCommand.js";
import { runServe } from "../runtimes/local/serve.js";
import { runTrucks } from "./trucksCommand.js";
import { runTry } from "./tryCommand.js";
import { runTickCommand } from "./tickCommand.js";
import { runDueCommand } from "./dueCommand.js";
import { nodeVersionProblem } from "./nodeVersion.js";

const out = (text: string) => process.stdout.write(text + "\n");
const err = (text: string) => process.stderr.write(text + "\n");

/** A sub-command: its usage lines (shown by `slacktrux --help` and `slacktrux <name> --help`) and what it runs. */
interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Every sub-command, in the order `--help` lists them. Adding one is a line here and a file of its own. */
const COMMANDS: Record<string, Command> = {
  serve: {
    usage: `slacktrux serve                                   run the local server (npm start); needs SLACK_SIGNING_SECRET,
                                                    or SLACK_APP_TOKEN to connect by Socket Mode instead`,
    run: () => runServe(process.env, err),
  },
  trucks: {
    usage: `slacktrux trucks [place] [--tracker URL|PATH] [--selectors JSON] [--json]
                                                    the trucks of a place (or all places) straight from the tracker;
                                                    --selectors reads it as TRACKER_KIND=selectors would`,
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          tracker: { type: "string" },
          selectors: { type: "string" },
          json: { type: "boolean", default: false },
        },
      });
      // The flags win over the environment the server reads (TRACKER_KIND, TRACKER_SELECTORS, TRACKER_URL).
      const source = values.selectors !== undefined ? "--selectors" : "TRACKER_SELECTORS";
      const tracker =
        values.selectors !== undefined ? cssSelectorLayoutFrom(values.selectors, source) : readPageLayout(process.env);
      await checkPageLayout(tracker, source);
      const location = readTrackerLocation(
        values.tracker ?? TRACKER_URL.read(process.env),
        tracker,
        values.tracker !== undefined ? "--tracker" : "TRACKER_URL (or --tracker)",
      );
      return runTrucks({ place: positionals.join(" "), location, tracker, json: values.json ?? false, out, err });
    },
  },
  digest: {
    usage: `slacktrux digest --place farragut [--place franklin] [--webhook URL] [--tracker URL|PATH]
slacktrux digest --name NAME [--webhook URL]      post one daily digest to an incoming webhook now (for cron);
                                                    --webhook defaults to SLACK_WEBHOOK_URL, --name reads DIGESTS`,
    async run(args) {
      const { values } = parseArgs({
        args,
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
    },
  },
  tick: {
    usage: `slacktrux tick [--at 2026-12-02T16:30:00Z]        post what is due at that minute (now by default) — DIGESTS,
                                                    and with SLACK_BOT_TOKEN the channel digests and follows —
                                                    then exit (for cron)`,
    async run(args) {
      const { values } = parseArgs({ args, options: { at: { type: "string" } } });
      return runTickCommand({ at: values.at, env: process.env, out, err });
    },
  },
  due: {
    usage: `slacktrux due [--at 2026-12-02T16:30:00Z]         what a tick at that minute would post, without posting it`,
    async run(args) {
      const { values } = parseArgs({ args, options: { at: { type: "string" } } });
      return runDueCommand({ at: values.at, env: process.env, out, err });
    },
  },
  try: {
    usage: `slacktrux try "<text>" [--url http://127.0.0.1:3000]
                                                    send a signed /foodtrucks <text> to a running server, print the answers`,
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { url: { type: "string", default: `http://127.0.0.1:${PORT.read(process.env)}` } },
      });
      if (!isSet(SLACK_SIGNING_SECRET, process.env)) {
        err("SLACK_SIGNING_SECRET must be set to the secret the server uses, so the command can be signed.");
        return 2;
      }
      const signingSecret = SLACK_SIGNING_SECRET.read(process.env);
      return runTry({ text: positionals.join(" "), serverUrl: values.url, signingSecret, print: out });
    },
  },
  demo: {
    usage: `slacktrux demo ["<text>"]                         offline demo: local server + bundled sample page + try`,
    run: (args) => runDemo(args.join(" ") || "farragut", out),
  },
};

const usage = (commands: readonly Command[]) =>
  `Usage:\n${commands.map((command) => command.usage.replace(/^slacktrux/gm, "  slacktrux")).join("\n")}\n`;
const USAGE = `${usage(Object.values(COMMANDS))}  slacktrux --version                               print slacktrux's version\n`;

/** package.json's version: the file beside dist/ in the repository and in the installed package. */
function version(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const tooOld = nodeVersionProblem();
  if (tooOld) {
    err(tooOld);
    return 2;
  }
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      out(USAGE);
      return subcommand === undefined ? 2 : 0;
    case "--version":
    case "-v":
      out(version());
      return 0;
  }
  const command = Object.hasOwn(COMMANDS, subcommand) ? COMMANDS[subcommand] : undefined;
  if (!command) {
    err(`Unknown command "${subcommand}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out(usage([command]));
    return 0;
  }
  return command.run(rest);
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
