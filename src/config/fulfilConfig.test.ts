// TRACKER_KIND and TRACKER_SELECTORS as readFulfilConfig checks them at start-up.
import { describe, expect, it } from "vitest";
import { ConfigError } from "./env.js";
import { checkPageLayout, readFulfilConfig } from "./fulfilConfig.js";
import { DEFAULT_TRACKER_URL } from "./registry.js";

const SELECTORS = '{"container": "main .schedule", "placeHeading": "h3", "truckLink": "li a"}';
const PAGE =
  "<main><div class=schedule><h3>Cartopia</h3><ul><li><a href='https://t/1'>Potato Champion</a></li></ul></div></main>";

function configError(env: Record<string, string>): string {
  try {
    readFulfilConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("readFulfilConfig: the tracker", () => {
  it("reads Food Truck Fiesta's page by default", () => {
    const config = readFulfilConfig({});
    expect(config.layout.kind).toBe("foodtruckfiesta");
    expect(config.trackerLocation.href).toBe(DEFAULT_TRACKER_URL);
    expect(readFulfilConfig({ TRACKER_KIND: " FoodTruckFiesta " }).layout.kind).toBe("foodtruckfiesta");
  });

  it("builds a selector tracker from TRACKER_KIND=selectors and TRACKER_SELECTORS", async () => {
    const config = readFulfilConfig({
      TRACKER_KIND: "selectors",
      TRACKER_SELECTORS: SELECTORS,
      TRACKER_URL: "https://pods.example/today",
    });
    expect(config.layout.kind).toBe("selectors");
    await checkPageLayout(config.layout);
    await expect(config.layout.parse(PAGE)).resolves.toEqual([
      { place: "Cartopia", trucks: [{ name: "Potato Champion", url: "https://t/1" }] },
    ]);
  });

  it("refuses an unknown TRACKER_KIND, listing the kinds", () => {
    expect(configError({ TRACKER_KIND: "cheerio" })).toBe("TRACKER_KIND must be one of foodtruckfiesta, selectors");
  });

  it("refuses TRACKER_KIND=selectors without TRACKER_SELECTORS, with an example", () => {
    expect(configError({ TRACKER_KIND: "selectors", TRACKER_URL: "https://pods.example/" })).toMatch(
      /^TRACKER_KIND=selectors needs TRACKER_SELECTORS, e\.g\. \{"container"/,
    );
  });

  it("refuses TRACKER_SELECTORS left set without TRACKER_KIND=selectors", () => {
    expect(configError({ TRACKER_SELECTORS: SELECTORS })).toMatch(
      /TRACKER_SELECTORS is set, so set TRACKER_KIND=selectors/,
    );
  });

  it("refuses a selector tracker without TRACKER_URL: the default page is Food Truck Fiesta's", () => {
    expect(configError({ TRACKER_KIND: "selectors", TRACKER_SELECTORS: SELECTORS })).toMatch(
      /^TRACKER_URL must be set for a selectors tracker/,
    );
  });

  it.each([
    ["bad JSON", "{container: main}", /^TRACKER_SELECTORS must be JSON/],
    [
      "not an object",
      '["main", "h3", "a"]',
      /^TRACKER_SELECTORS must be a JSON object with the keys container, placeHeading, truckLink/,
    ],
    ["a missing key", '{"container": "main", "placeHeading": "h3"}', /^TRACKER_SELECTORS needs "truckLink"/],
    [
      "an unknown key",
      '{"container": "main", "placeHeading": "h3", "truckLink": "a", "place": "h2"}',
      /^TRACKER_SELECTORS has an unknown key "place"/,
    ],
    [
      "an invalid selector",
      '{"container": "main", "placeHeading": "h3[", "truckLink": "a"}',
      /^TRACKER_SELECTORS has an invalid CSS selector in "placeHeading": /,
    ],
    [
      "a pseudo-element",
      '{"container": "main", "placeHeading": "h3", "truckLink": "a::after"}',
      /^TRACKER_SELECTORS has an invalid CSS selector in "truckLink": /,
    ],
  ])("refuses %s in TRACKER_SELECTORS, naming the variable and the key", (_what, selectors, message) => {
    expect(
      configError({ TRACKER_KIND: "selectors", TRACKER_SELECTORS: selectors, TRACKER_URL: "https://pods.example/" }),
    ).toMatch(message);
  });

  it.each([
    ["an unknown pseudo-class", '{"container": "main", "placeHeading": "h3:nope", "truckLink": "a"}', "placeHeading"],
    ["a bad nth formula", '{"container": "main", "placeHeading": "h3", "truckLink": "li:nth-child(x) a"}', "truckLink"],
  ])("refuses %s when checkPageLayout compiles the selectors at start-up", async (_what, selectors, key) => {
    const config = readFulfilConfig({
      TRACKER_KIND: "selectors",
      TRACKER_SELECTORS: selectors,
      TRACKER_URL: "https://pods.example/",
    });
    const checked = checkPageLayout(config.layout);
    await expect(checked).rejects.toBeInstanceOf(ConfigError);
    await expect(checked).rejects.toThrow(new RegExp(`^TRACKER_SELECTORS has an invalid CSS selector in "${key}": `));
  });

  it("has nothing to check for Food Truck Fiesta's page", async () => {
    await expect(checkPageLayout(readFulfilConfig({}).layout)).resolves.toBeUndefined();
  });
});

describe("readFulfilConfig: TRACKER_URL", () => {
  it("defaults to Food Truck Fiesta over https", () => {
    expect(readFulfilConfig({}).trackerLocation.protocol).toBe("https:");
  });

  it.each([
    ["a user name and password", "https://user:very-secret@tracker.example/list"],
    ["a user name alone", "https://very-secret@tracker.example/list"],
  ])("refuses %s, naming TRACKER_URL and never its value", (_what, url) => {
    const message = configError({ TRACKER_URL: url });
    expect(message).toMatch(/^TRACKER_URL must not contain a user name or password/);
    expect(message).not.toContain("very-secret");
  });

  it("accepts a query (it is kept out of links and logs, not refused)", () => {
    expect(readFulfilConfig({ TRACKER_URL: "https://tracker.example/list?apikey=k" }).trackerLocation.search).toBe(
      "?apikey=k",
    );
  });
});

describe("readFulfilConfig: SLACK_WEBHOOK_URL", () => {
  it("accepts an https webhook, or http on loopback, and leaves the response_url allow-list as configured", () => {
    const config = readFulfilConfig({ SLACK_WEBHOOK_URL: " https://hooks.slack.com/services/T0/B0/secret " });
    expect(config.webhookUrl).toBe("https://hooks.slack.com/services/T0/B0/secret");
    expect(config.responseUrlHosts).toEqual([{ hostname: "hooks.slack.com" }]);

    const local = readFulfilConfig({
      SLACK_WEBHOOK_URL: "http://127.0.0.1:9000/hook",
      SLACK_RESPONSE_URL_HOSTS: "hooks.slack.com",
    });
    expect(local.webhookUrl).toBe("http://127.0.0.1:9000/hook");
    // The webhook's host is trusted for the webhook post alone, never for a response_url.
    expect(local.responseUrlHosts).toEqual([{ hostname: "hooks.slack.com" }]);
    expect(readFulfilConfig({ SLACK_WEBHOOK_URL: "https://chat.example/hook" }).responseUrlHosts).toEqual([
      { hostname: "hooks.slack.com" },
    ]);
  });

  it("treats an empty SLACK_WEBHOOK_URL as unset", () => {
    expect(readFulfilConfig({ SLACK_WEBHOOK_URL: "  " }).webhookUrl).toBeUndefined();
  });

  it.each([
    ["not a URL", "hooks.slack.com/services/very-secret"],
    ["plain http off this machine", "http://hooks.slack.com/services/very-secret"],
    ["credentials in the URL", "https://user:very-secret@hooks.slack.com/services/T0"],
    ["a user name in the URL", "https://very-secret@hooks.slack.com/services/T0"],
    ["another scheme", "ftp://hooks.slack.com/very-secret"],
  ])("refuses %s, naming SLACK_WEBHOOK_URL and never its value", (_what, url) => {
    const message = configError({ SLACK_WEBHOOK_URL: url });
    expect(message).toMatch(/^SLACK_WEBHOOK_URL must be an https URL \(http only on loopback\) without credentials/);
    expect(message).not.toContain("very-secret");
  });
});
