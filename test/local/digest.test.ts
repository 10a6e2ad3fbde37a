// The daily digest end to end over loopback HTTP: a tracker server, an incoming-webhook catcher,
// and the digest runner exactly as `slacktrux digest` and the Lambda worker build it.
import type { ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { readFulfilConfig } from "../../src/config/fulfilConfig.js";
import { createLogger } from "../../src/observe/log.js";
import { createDigester } from "../../src/digest/createDigester.js";
import type { DigestJob } from "../../src/digest/digestJob.js";
import { createMemoryClaimStore } from "../../src/claims/claimStore.js";
import { envSecrets } from "../../src/app/envSecrets.js";
import { trackerFromConfig } from "../../src/phase2/trackerFromConfig.js";
import type { FulfilConfig } from "../../src/config/fulfilConfig.js";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import {
  startLoopbackServer,
  startSlackCatcher,
  startTrackerServer,
  type LoopbackServer,
} from "../helpers/loopbackServer.js";

/** What createDigester needs beside the log: a tracker, and secrets from an environment (none here). */
const services = (config: FulfilConfig, env: Record<string, string> = {}) => ({
  tracker: trackerFromConfig(config),
  readNamedSecret: envSecrets(env, (name) => `set ${name}`).readNamed,
});

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");
const cleanup: LoopbackServer[] = [];
afterEach(async () => {
  for (const server of cleanup.splice(0)) await server.close();
});

async function setUp(
  options: { tracker?: (res: ServerResponse) => void; webhookStatus?: number; env?: Record<string, string> } = {},
) {
  const tracker = options.tracker
    ? await startLoopbackServer((_req, res) => options.tracker!(res))
    : await startTrackerServer(fixture);
  const webhook = options.webhookStatus
    ? await startLoopbackServer((_req, res) => res.writeHead(options.webhookStatus!).end("no_service"))
    : await startSlackCatcher();
  cleanup.push(tracker, webhook);
  // SLACK_RESPONSE_URL_HOSTS keeps its default (hooks.slack.com): a digest's webhook needs no entry there.
  const config = readFulfilConfig({ TRACKER_URL: `${tracker.url}/dc-food-truck-list/`, ...options.env });
  const logs: string[] = [];
  const digester = createDigester(config, { ...services(config), log: createLogger((line) => logs.push(line)) });
  const webhookUrl = `${webhook.url}/services/T0/B0/secret-webhook-token`;
  const run = (places: string[]) => digester({ kind: "digest", name: "lunch", places, webhookUrl });
  const posted = () => webhook.requests.map((request) => JSON.parse(request.body) as SlackMessage);
  return { config, run, posted, webhook, logs };
}

describe("a daily digest", () => {
  it("posts the places' trucks to the webhook, marked as the daily digest, with a Refresh button", async () => {
    const { run, posted, webhook, logs, config } = await setUp();

    const result = await run(["franklin", "farragut"]);
    expect(result).toEqual({ outcome: "posted", places: ["DC - Farragut Square", "DC - Franklin Square"] });
    expect(webhook.requests.map((request) => request.url)).toEqual(["/services/T0/B0/secret-webhook-token"]);
    const [message] = posted();
    // An incoming webhook posts to its own channel: no response_type.
    expect(message!.response_type).toBeUndefined();
    const blocks = JSON.stringify(message!.blocks);
    for (const text of ["DC - Farragut Square", "DC - Franklin Square", "District Taco", "daily digest"])
      expect(blocks).toContain(text);
    expect(blocks).not.toContain("asked by");
    expect(blocks).toContain("refresh_trucks");
    expect(logs.join("\n")).toMatch(/"msg":"digest".*"outcome":"posted"/);
    expect(logs.join("\n")).not.toContain("secret-webhook-token");
    // Only this post trusted the webhook's host: the response_url allow-list is as configured.
    expect(config.responseUrlHosts).toEqual([{ hostname: "hooks.slack.com" }]);
  });

  it("says so when its places have no trucks yet, rather than posting nothing", async () => {
    const { run, posted } = await setUp();

    expect(await run(["metro center"])).toMatchObject({ outcome: "no-trucks", places: ["DC - Metro Center"] });
    const text = JSON.stringify(posted()[0]);
    expect(text).toContain("No trucks at DC - Metro Center yet today.");
    expect(text).toContain("DC - Farragut Square — 5 trucks");
  });

  it("names a place the tracker does not list today as configured, and logs it", async () => {
    const { run, posted, logs } = await setUp();

    expect(await run(["capitol hill"])).toMatchObject({ outcome: "no-trucks", places: [] });
    expect(posted()[0]!.text).toContain("No trucks at capitol hill yet today.");
    expect(logs.join("\n")).toMatch(/"msg":"digest places not on the tracker today".*"unmatched":"capitol hill"/);
  });

  it("posts the tracker's problem so the channel knows why there is no list", async () => {
    const { run, posted } = await setUp({ tracker: (res) => res.writeHead(503).end("down") });

    expect(await run(["farragut"])).toMatchObject({ outcome: "tracker-problem", reason: expect.stringMatching(/503/) });
    const [message] = posted();
    expect(message!.text).toMatch(/answered with an error/);
    expect(message!.text).toContain("Daily food-truck digest for farragut");
  });

  it("says the tracker is too slow past the deadline", async () => {
    const { run, posted } = await setUp({ tracker: () => {}, env: { FULFIL_DEADLINE_MS: "300" } });

    expect((await run(["farragut"])).outcome).toBe("too-slow");
    expect(posted()[0]!.text).toMatch(/too slow/);
  });

  it("reports a webhook that refuses the post, without its URL", async () => {
    const { run, logs } = await setUp({ webhookStatus: 404 });

    expect(await run(["farragut"])).toMatchObject({ outcome: "delivery-failed", reason: "Slack answered HTTP 404" });
    expect(logs.join("\n")).toMatch(/"level":"error","time":"[^"]+","msg":"digest".*"outcome":"delivery-failed"/);
    expect(logs.join("\n")).not.toContain("secret-webhook-token");
  });

  it("posts a scheduled run (a job with scheduledTime) once given a claim store, as every runtime's tick runs it", async () => {
    const { config, webhook } = await setUp();
    const logs: string[] = [];
    const digester = createDigester(config, {
      ...services(config),
      log: createLogger((line) => logs.push(line)),
      claims: createMemoryClaimStore(),
    });
    const job = (scheduledTime?: string): DigestJob => ({
      kind: "digest",
      name: "lunch",
      places: ["farragut"],
      webhookUrl: `${webhook.url}/services/T0/B0/secret-webhook-token`,
      ...(scheduledTime ? { scheduledTime } : {}),
    });

    expect((await digester(job("2025-03-03T16:30:00Z"))).outcome).toBe("posted");
    expect(await digester(job("2025-03-03T16:30:00Z"))).toEqual({ outcome: "duplicate", places: [] });
    expect((await digester(job("2025-03-04T16:30:00Z"))).outcome).toBe("posted");
    // Without a scheduled time (`slacktrux digest`, from cron) there is no run to claim.
    expect((await digester(job())).outcome).toBe("posted");
    expect((await digester(job())).outcome).toBe("posted");
    expect(webhook.requests).toHaveLength(4);
    expect(logs.join("\n")).toMatch(/"msg":"digest".*"scheduledTime":"2025-03-03T16:30:00Z".*"outcome":"duplicate"/);
  });

  it("lets go of a scheduled run whose post failed, so the platform's retry posts, and claims it for a day once posted", async () => {
    const { config, webhook } = await setUp();
    let nowMs = Date.now();
    const claims = createMemoryClaimStore(() => nowMs);
    let refuse = true;
    const digester = createDigester(config, {
      ...services(config),
      log: createLogger(() => {}),
      claims: claims,
      deliver: async () =>
        refuse ? { ok: false, reason: "Slack answered HTTP 404", attempts: 1 } : { ok: true, attempts: 1 },
    });
    const job: DigestJob = {
      kind: "digest",
      name: "lunch",
      places: ["farragut"],
      webhookUrl: `${webhook.url}/hook`,
      scheduledTime: "2025-03-03T16:30:00Z",
    };

    expect((await digester(job)).outcome).toBe("delivery-failed");
    nowMs += 60_000; // Lambda's first retry: a minute later, well inside the attempt's own claim time
    refuse = false;
    expect((await digester(job)).outcome).toBe("posted");
    nowMs += 12 * 3600_000;
    expect((await digester(job)).outcome).toBe("duplicate");
  });

  it("reads a webhookSecret digest's URL from the runtime's secrets, and says where to set one that is missing", async () => {
    const { config, webhook } = await setUp();
    const job: DigestJob = { kind: "digest", places: ["farragut"], webhookSecret: "LUNCH_WEBHOOK_URL" };
    const log = createLogger(() => {});
    await expect(createDigester(config, { ...services(config), log })(job)).rejects.toThrow(
      /LUNCH_WEBHOOK_URL is not set: set LUNCH_WEBHOOK_URL/,
    );
    const env = { LUNCH_WEBHOOK_URL: `${webhook.url}/services/T0/B0/x` };
    expect((await createDigester(config, { ...services(config, env), log })(job)).outcome).toBe("posted");
  });
});
