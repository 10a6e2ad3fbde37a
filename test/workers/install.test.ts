// "Add to Slack" on the Worker, in workerd: the install page with its state cookie, and the OAuth
// callback against a loopback Slack storing the installation in D1; a replayed callback is refused
// without a second oauth.v2.access; app_uninstalled on /slack/events deletes the installation and
// the places its people saved, from D1. The client secret is a Worker secret (a binding like any var).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, startSlackOAuthStub, type SlackOAuthStub } from "../helpers/slackOAuthStub.js";
import { signatureFor, TEST_SECRET } from "../helpers/slackRequest.js";
import { startWorker, type RunningWorker } from "../helpers/workerd.js";

const PUBLIC_URL = "https://trucks.example.com";
let slack: SlackOAuthStub;
let worker: RunningWorker;

beforeAll(async () => {
  slack = await startSlackOAuthStub();
  worker = await startWorker({
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACKTRUX_PUBLIC_URL: PUBLIC_URL,
    SLACK_API_URL: slack.apiUrl,
  });
}, 30_000);

afterAll(async () => {
  await worker?.dispose();
  await slack?.close();
});

describe("Add to Slack on the Worker", () => {
  it("serves the install page at / and /slack/install, and the privacy page", async () => {
    for (const path of ["/", "/slack/install", "/privacy"]) {
      const page = await worker.request(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<h1>");
    }
  });

  it("takes Slack's callback, stores the installation in D1, and refuses the same state twice", async () => {
    const page = await worker.request("/slack/install");
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const link = new URL(/href="([^"]+)">Add to Slack/.exec(await page.text())![1]!.replace(/&amp;/g, "&"));
    expect(link.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/slack/oauth_redirect`);
    slack.nextWorkspace = { teamId: "T0WORK", teamName: "Workers" };
    const authorize = await fetch(link);
    const allow = new URL(/id="allow" href="([^"]+)"/.exec(await authorize.text())![1]!.replace(/&amp;/g, "&"));
    const callback = () => worker.request(`/slack/oauth_redirect${allow.search}`, { headers: { cookie } });

    const done = await callback();
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("slacktrux is installed");
    const db = await worker.mf.getD1Database("DB");
    const row = await db.prepare("SELECT id FROM installations").first<{ id: string }>();
    expect(row?.id).toBe("team:T0WORK");

    const replayed = await callback();
    expect(replayed.status).toBeGreaterThanOrEqual(400);
    expect(replayed.status).toBeLessThan(500);
    expect(slack.codeExchanges()).toBe(1);
    const logged = JSON.stringify(worker.logs);
    for (const secret of [CLIENT_SECRET, ...slack.secretsIssued()]) expect(logged).not.toContain(secret);
  });

  it("forgets the installed workspace on app_uninstalled: its installation and its people's saved places, in D1", async () => {
    const db = await worker.mf.getD1Database("DB");
    // Places as the Home's modal saves them (migrations/0004_user_places.sql); another workspace's stays.
    const place = db.prepare(
      "INSERT INTO user_places (team_id, user_id, place, updated_at) VALUES (?1, ?2, 'DC - Farragut Square', '2026-12-03T12:00:00.000Z')",
    );
    await db.batch([place.bind("T0WORK", "U1"), place.bind("T0WORK", "U2"), place.bind("T0OTHER", "U1")]);
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T0WORK",
      event_id: "EvWorkerGone1",
      event: { type: "app_uninstalled" },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await worker.request("/slack/events", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signatureFor(TEST_SECRET, timestamp, body),
      },
      body,
    });
    expect(answer.status).toBe(200);
    expect(await db.prepare("SELECT id FROM installations WHERE id = 'team:T0WORK'").first()).toBeNull();
    const left = await db.prepare("SELECT team_id FROM user_places ORDER BY team_id").all<{ team_id: string }>();
    expect(left.results.map((row) => row.team_id)).toEqual(["T0OTHER"]);
    expect(worker.logs).toContainEqual(
      expect.objectContaining({ msg: "workspace forgotten", team: "T0WORK", installations: 1, places: 2 }),
    );
  });
});
