// `slacktrux trucks` reading another city's page with CSS selectors, as an admin checks one
// before deploying: the built bundle in a child process, the page over loopback HTTP.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { slacktrux } from "../helpers/cli.js";

const page = readFileSync(new URL("../fixtures/selectors-city.html", import.meta.url), "utf8");
const expected = JSON.parse(
  readFileSync(new URL("../fixtures/selectors-city.expected.json", import.meta.url), "utf8"),
) as {
  places: { place: string }[];
};
const SELECTORS = '{"container": "main .schedule", "placeHeading": "h3", "truckLink": "li a"}';

describe("slacktrux trucks with a selector tracker", () => {
  let tracker: LoopbackServer;
  beforeAll(async () => {
    tracker = await startTrackerServer(page);
  });
  afterAll(() => tracker.close());

  it("prints exactly the expected JSON with TRACKER_KIND=selectors and TRACKER_SELECTORS", async () => {
    const result = await slacktrux(["trucks", "--json"], {
      TRACKER_KIND: "selectors",
      TRACKER_SELECTORS: SELECTORS,
      TRACKER_URL: tracker.url + "/pods/",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it("takes the selectors and the page from flags instead", async () => {
    const result = await slacktrux([
      "trucks",
      "cartopia",
      "--json",
      "--selectors",
      SELECTORS,
      "--tracker",
      tracker.url + "/pods/",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      places: expected.places.filter((place) => place.place.startsWith("Cartopia")),
    });
  });

  it("prints the carts of a place as text", async () => {
    const result = await slacktrux(["trucks", "prost"], {
      TRACKER_KIND: "selectors",
      TRACKER_SELECTORS: SELECTORS,
      TRACKER_URL: tracker.url + "/pods/",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "Prost! Marketplace",
        "  Nong's Khao Man Gai  https://pdxcarts.example/nongs",
        "  Matt’s BBQ & Co.  https://pdxcarts.example/matt-bbq",
        "  Blank Href Tacos",
        "  Tita Lola  https://pdxcarts.example/two-lines",
        "",
      ].join("\n"),
    );
  });

  it("says the layout may have changed when the selectors find nothing", async () => {
    const result = await slacktrux([
      "trucks",
      "--selectors",
      '{"container": "#nothing", "placeHeading": "h3", "truckLink": "a"}',
      "--tracker",
      tracker.url,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/lists no places/);
  });

  it.each([
    [["--selectors", '{"container": "main", "placeHeading": "h3"}'], {}, /^slacktrux: --selectors needs "truckLink"/],
    [[], { TRACKER_KIND: "selectors", TRACKER_SELECTORS: "{nope" }, /^slacktrux: TRACKER_SELECTORS must be JSON/],
    [
      [],
      {
        TRACKER_KIND: "selectors",
        TRACKER_SELECTORS: '{"container": "main", "placeHeading": "h3[", "truckLink": "a"}',
      },
      /^slacktrux: TRACKER_SELECTORS has an invalid CSS selector in "placeHeading"/,
    ],
    [
      ["--selectors", '{"container": "main", "placeHeading": "h3:nope", "truckLink": "a"}'],
      {},
      /^slacktrux: --selectors has an invalid CSS selector in "placeHeading": /,
    ],
    [[], { TRACKER_KIND: "csv" }, /^slacktrux: TRACKER_KIND must be one of/],
  ])("exits 2 naming the setting for bad selectors: %j %j", async (args, env, message) => {
    const result = await slacktrux(["trucks", ...args, "--tracker", tracker.url], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("exits 2 when a selector tracker is given no page", async () => {
    const result = await slacktrux(["trucks", "--selectors", SELECTORS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^slacktrux: TRACKER_URL \(or --tracker\) must be set for a selectors tracker/);
  });
});
