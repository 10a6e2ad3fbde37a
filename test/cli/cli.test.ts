// The `slacktrux` command as a user runs it: the built bundle in a child process.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { CLI_PATH, slacktrux } from "../helpers/cli.js";

const fixtureDir = new URL("../fixtures/foodtruckfiesta/", import.meta.url);
const fixturePath = fileURLToPath(new URL("dc-food-truck-list.html", fixtureDir));
const expected = JSON.parse(readFileSync(new URL("dc-food-truck-list.expected.json", fixtureDir), "utf8")) as {
  places: { place: string }[];
};
const otherCityPage = fileURLToPath(new URL("../fixtures/other-city.html", import.meta.url));
const otherCityExpected = JSON.parse(
  readFileSync(new URL("../fixtures/other-city.expected.json", import.meta.url), "utf8"),
);

describe("slacktrux trucks", () => {
  let tracker: LoopbackServer;
  beforeAll(async () => {
    tracker = await startTrackerServer(readFileSync(otherCityPage, "utf8"));
  });
  afterAll(() => tracker.close());

  it("prints exactly the expected listings for the test page (a path)", async () => {
    const result = await slacktrux(["trucks", "--json", "--tracker", fixturePath]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it("is exact on another page served over HTTP", async () => {
    const result = await slacktrux(["trucks", "--json", "--tracker", tracker.url + "/list/"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(otherCityExpected);
  });

  it("prints only the matched places when a place is given", async () => {
    const result = await slacktrux(["trucks", "frank", "--json", "--tracker", fixturePath]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      places: expected.places.filter((p) => p.place === "DC - Franklin Square"),
    });
  });

  it("exits 2 with suggestions on stderr for an unknown place", async () => {
    const result = await slacktrux(["trucks", "farrgut", "--tracker", fixturePath]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("DC - Farragut Square");
  });

  it("says so when the tracker cannot be read", async () => {
    const result = await slacktrux(["trucks", "--tracker", "/nonexistent/page.html"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Could not read the tracker/);
  });
});

describe("slacktrux demo and serve", () => {
  it("demo prints the acknowledgement and the Farragut Square trucks, offline", async () => {
    const result = await slacktrux(["demo"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Looking up food trucks at farragut");
    expect(result.stdout).toContain("DC - FARRAGUT SQUARE");
    expect(result.stdout).toContain("District Taco");
    expect(result.stdout).toContain("[in channel]");
  });

  it("serve refuses to start without SLACK_SIGNING_SECRET and says what to set", async () => {
    const result = await slacktrux(["serve"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SLACK_SIGNING_SECRET");
  });

  it("serve refuses to start with a selector css-select refuses, naming the setting", async () => {
    const result = await slacktrux(["serve"], {
      SLACK_SIGNING_SECRET: "cli-test-secret",
      PORT: "0",
      TRACKER_KIND: "selectors",
      // Good syntax, but a pseudo-class css-select does not know: only compiling them finds it.
      TRACKER_SELECTORS: '{"container": "main", "placeHeading": "h3:nope", "truckLink": "a"}',
      TRACKER_URL: "https://pods.example/",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^slacktrux: TRACKER_SELECTORS has an invalid CSS selector in "placeHeading": /);
  });

  it("serve answers a signed command sent by `slacktrux try`, and stops cleanly on SIGTERM", async () => {
    const env = {
      PATH: process.env.PATH ?? "",
      SLACK_SIGNING_SECRET: "cli-test-secret",
      PORT: "0",
      TRACKER_URL: fixturePath,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    };
    const server = spawn(process.execPath, [CLI_PATH, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        server.stderr.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
          if (match) resolve(match[1]!);
        });
        server.once("exit", () => reject(new Error(`serve exited early: ${seen}`)));
      });
      const result = await slacktrux(["try", "franklin", "--url", url], { SLACK_SIGNING_SECRET: "cli-test-secret" });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Looking up food trucks at franklin");
      expect(result.stdout).toContain("TaKorean");

      const wrongSecret = await slacktrux(["try", "franklin", "--url", url], { SLACK_SIGNING_SECRET: "wrong" });
      expect(wrongSecret.code).toBe(1);
      expect(wrongSecret.stdout).toContain("HTTP 401");
    } finally {
      server.kill("SIGTERM");
      const code = await new Promise((resolve) => server.once("exit", resolve));
      expect(code).toBe(0);
    }
  });

  it("--version prints package.json's version and nothing else", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const result = await slacktrux(["--version"]);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("rejects an unknown subcommand with usage", async () => {
    const result = await slacktrux(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage");
  });
});

describe("slacktrux <command> --help", () => {
  it.each(["serve", "trucks", "digest", "tick", "due", "try", "demo"])(
    "prints %s's usage, and only its, for --help (and runs nothing)",
    async (name) => {
      const result = await slacktrux([name, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage:\\n  slacktrux ${name}\\b`));
      expect(result.stdout.match(/^ {2}slacktrux (\w+)/gm)?.every((line) => line.endsWith(name))).toBe(true);
      expect(result.stderr).toBe("");
    },
  );
});

describe("slacktrux due", () => {
  const DIGESTS = JSON.stringify([
    {
      name: "lunch",
      time: "11:30",
      days: "MON-FRI",
      timeZone: "America/New_York",
      places: ["farragut"],
      webhookUrl: "https://hooks.slack.com/services/T/B/x",
    },
  ]);

  it("lists what a tick at that minute would post, and posts nothing", async () => {
    // 16:30 UTC on a Thursday is 11:30 in New York.
    const due = await slacktrux(["due", "--at", "2026-12-03T16:30:00Z"], { DIGESTS });
    expect(due).toMatchObject({ code: 0, stdout: "2026-12-03T16:30:00Z: 1 due\ndigest lunch: farragut\n" });
    const notDue = await slacktrux(["due", "--at", "2026-12-05T16:30:00Z"], { DIGESTS }); // a Saturday
    expect(notDue).toMatchObject({ code: 0, stdout: "2026-12-05T16:30:00Z: 0 due\n" });
  });

  it("refuses a time it cannot read", async () => {
    expect(await slacktrux(["due", "--at", "lunchtime"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--at must be/),
    });
  });
});
