// POST /slack/events through handleSlackEvents, signed as Slack signs, with installations,
// subscriptions and saved places in workerd's D1: the URL check, the checks every request passes,
// and uninstalls in either order, retried, doing their work once.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import { workspaceInstall } from "../../test/helpers/installations.js";
import { signatureFor, TEST_SECRET } from "../../test/helpers/slackRequest.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { createSqlUserPlaceStore } from "../home/sqlUserPlaceStore.js";
import { createSqlInstallationStore } from "../installations/sqlInstallationStore.js";
import { createLogger } from "../observe/log.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import type { InboundRequest } from "../web/exchange.js";
import { handleSlackEvents, type EventsRouteDeps } from "./eventsRoute.js";
import { deleteTeamSubscriptions } from "./sqlTeamSubscriptions.js";

let mf: Miniflare;
let db: SqlDatabase;

beforeAll(async () => {
  const started = await startD1();
  mf = started.mf;
  db = started.db;
}, 30_000);
afterAll(() => mf?.dispose());

function setUp() {
  const lines: string[] = [];
  const places = createSqlUserPlaceStore(db);
  const deps: EventsRouteDeps = {
    signingSecret: TEST_SECRET,
    claims: createMemoryClaimStore(),
    log: createLogger((line) => lines.push(line)),
    installations: createSqlInstallationStore(db),
    forgetSubscriptions: (teamId) => deleteTeamSubscriptions(db, teamId),
    forgetPlaces: (teamId) => places.forgetTeam(teamId),
  };
  return { deps, lines, places };
}

function post(body: string, headers: Record<string, string> = {}): InboundRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    method: "POST",
    path: "/slack/events",
    query: "",
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signatureFor(TEST_SECRET, timestamp, body),
      ...headers,
    },
    rawBody: Buffer.from(body),
  };
}

const callback = (eventId: string, teamId: string, event: Record<string, unknown>) =>
  JSON.stringify({
    token: "deprecated",
    team_id: teamId,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [
      { team_id: teamId, enterprise_id: null, is_enterprise_install: false, user_id: "U0BOT", is_bot: true },
    ],
    event,
  });

/** A follow, as the SQL subscription store writes it (migrations/0002_subscriptions.sql). */
async function addFollow(id: string, teamId: string): Promise<void> {
  await db
    .prepare(
      "INSERT INTO subscriptions (id, kind, team_id, owner_id, truck, time, time_zone, days, created_by, created_at) " +
        "VALUES (?1, 'follow', ?2, 'U1', ?3, '10:30', 'America/New_York', 'mon', 'U1', '2026-12-01T00:00:00.000Z')",
    )
    .bind(id, teamId, `Truck ${id}`)
    .run();
}

async function followsOf(teamId: string): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM subscriptions WHERE team_id = ?1")
    .bind(teamId)
    .first<{ n: number }>();
  return row!.n;
}

describe("POST /slack/events", () => {
  it("answers Slack's URL check with its challenge", async () => {
    const { deps } = setUp();
    const response = await handleSlackEvents(
      post(JSON.stringify({ type: "url_verification", challenge: "c-123", token: "x" })),
      deps,
    );
    expect(response).toMatchObject({ status: 200, body: '{"challenge":"c-123"}' });
    expect(response.headers["content-type"]).toContain("application/json");
  });

  it("refuses what is not Slack's before reading it", async () => {
    const { deps } = setUp();
    const body = JSON.stringify({ type: "url_verification", challenge: "c" });
    const unsigned = post(body, { "x-slack-signature": `v0=${"0".repeat(64)}` });
    expect((await handleSlackEvents(unsigned, deps)).status).toBe(401);
    expect((await handleSlackEvents({ ...post(body), method: "GET" }, deps)).status).toBe(405);
    expect(
      (await handleSlackEvents(post(body, { "content-type": "application/x-www-form-urlencoded" }), deps)).status,
    ).toBe(415);
    expect((await handleSlackEvents(post("{not json"), deps)).status).toBe(400);
    expect((await handleSlackEvents(post("x".repeat(70_000)), deps)).status).toBe(413);
  });

  it("forgets a workspace on app_uninstalled then tokens_revoked, once each, and leaves other workspaces alone", async () => {
    const { deps, lines, places } = setUp();
    await deps.installations.save(workspaceInstall("T1"));
    await deps.installations.save(workspaceInstall("T2"));
    for (const [id, team] of [
      ["a", "T1"],
      ["b", "T1"],
      ["c", "T2"],
    ] as const)
      await addFollow(id, team);
    await places.set("T1", "U1", "DC - Farragut Square", 0);
    await places.set("T1", "U2", "DC - Union Station", 0);
    await places.set("T1", "U3", "DC - Navy Yard", 0);
    await places.set("T2", "U1", "VA - Rosslyn", 0);

    const uninstalled = post(callback("Ev1", "T1", { type: "app_uninstalled" }));
    expect((await handleSlackEvents(uninstalled, deps)).status).toBe(200);
    expect(await deps.installations.find("team:T1")).toBeUndefined();
    expect(await followsOf("T1")).toBe(0);
    expect(await deps.installations.find("team:T2")).toBeDefined();
    expect(await followsOf("T2")).toBe(1);
    expect(await places.get("T1", "U1")).toBeUndefined();
    expect(await places.get("T1", "U3")).toBeUndefined();
    expect(await places.get("T2", "U1")).toBe("VA - Rosslyn");
    const forgotten = lines
      .filter((line) => line.includes('"workspace forgotten"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(forgotten).toEqual([
      expect.objectContaining({
        event: "app_uninstalled",
        team: "T1",
        installations: 1,
        subscriptions: 2,
        places: 3,
      }),
    ]);

    // A retry of the same event after a re-install does nothing: the event was handled.
    await deps.installations.save(workspaceInstall("T1"));
    const retry = post(callback("Ev1", "T1", { type: "app_uninstalled" }), {
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect((await handleSlackEvents(retry, deps)).status).toBe(200);
    expect(await deps.installations.find("team:T1")).toBeDefined();
    expect(lines.some((line) => line.includes('"event already handled"'))).toBe(true);

    const revoked = callback("Ev2", "T1", { type: "tokens_revoked", tokens: { oauth: [], bot: ["U0BOT"] } });
    expect((await handleSlackEvents(post(revoked), deps)).status).toBe(200);
    expect(await deps.installations.find("team:T1")).toBeUndefined();
    expect(await places.get("T2", "U1")).toBe("VA - Rosslyn");
  });

  it("forgets a workspace on tokens_revoked then app_uninstalled, the second finding nothing left", async () => {
    const { deps, lines, places } = setUp();
    await deps.installations.save(workspaceInstall("T3"));
    await places.set("T3", "U1", "DC - Farragut Square", 0);
    await handleSlackEvents(post(callback("Ev3", "T3", { type: "tokens_revoked", tokens: { bot: ["U0BOT"] } })), deps);
    await handleSlackEvents(post(callback("Ev4", "T3", { type: "app_uninstalled" })), deps);
    const counts = lines
      .filter((line) => line.includes('"workspace forgotten"'))
      .map((line) => JSON.parse(line) as { event: string; installations: number });
    expect(counts).toEqual([
      expect.objectContaining({ event: "tokens_revoked", installations: 1, places: 1 }),
      expect.objectContaining({ event: "app_uninstalled", installations: 0, places: 0 }),
    ]);
    expect(await places.get("T3", "U1")).toBeUndefined();
  });

  it("keeps the installation when only users' tokens are revoked, and acknowledges events it does not handle", async () => {
    const { deps, places } = setUp();
    await deps.installations.save(workspaceInstall("T4"));
    await places.set("T4", "U7", "DC - Farragut Square", 0);
    const usersOnly = callback("Ev5", "T4", { type: "tokens_revoked", tokens: { oauth: ["U7"] } });
    expect((await handleSlackEvents(post(usersOnly), deps)).status).toBe(200);
    expect(await deps.installations.find("team:T4")).toBeDefined();
    expect(await places.get("T4", "U7")).toBe("DC - Farragut Square");
    expect((await handleSlackEvents(post(callback("Ev6", "T4", { type: "reaction_added" })), deps)).status).toBe(200);
  });

  it("forgets an org-wide install and what was set up under its enterprise, never the workspace's own", async () => {
    const { deps, lines, places } = setUp();
    await deps.installations.save({
      ...workspaceInstall("unused"),
      id: "enterprise:E9",
      teamId: undefined,
      enterpriseId: "E9",
      isEnterpriseInstall: true,
    });
    // Commands in an org-wide install save what they set up under the enterprise (slashCommand.ts).
    await addFollow("org-1", "E9");
    await addFollow("own-1", "T9");
    // Its Home's places too (events/homeOpened.ts and slack/interaction.ts key them by the enterprise).
    await places.set("E9", "U9", "DC - Farragut Square", 0);
    await places.set("E9", "U10", "DC - Union Station", 0);
    await places.set("T9", "U9", "DC - Navy Yard", 0);
    const orgWide = (eventId: string, event: Record<string, unknown>) =>
      JSON.stringify({
        ...(JSON.parse(callback(eventId, "T9", event)) as object),
        enterprise_id: "E9",
        authorizations: [
          { team_id: "T9", enterprise_id: "E9", is_enterprise_install: true, user_id: "U0BOT", is_bot: true },
        ],
      });
    expect((await handleSlackEvents(post(orgWide("Ev8", { type: "app_uninstalled" })), deps)).status).toBe(200);
    expect(await deps.installations.find("enterprise:E9")).toBeUndefined();
    expect(await followsOf("E9")).toBe(0);
    expect(await followsOf("T9")).toBe(1);
    expect(await places.get("E9", "U9")).toBeUndefined();
    expect(await places.get("T9", "U9")).toBe("DC - Navy Yard");
    const forgotten = lines.find((line) => line.includes('"workspace forgotten"'));
    expect(JSON.parse(forgotten!)).toMatchObject({ subscriptions: 1, places: 2 });

    // Its Home is the enterprise's too, as its commands and daily posts are.
    const published: { teamId: string; userId: string }[] = [];
    const withHome: EventsRouteDeps = { ...deps, publishHome: async (user) => void published.push(user) };
    const opened = orgWide("Ev9", { type: "app_home_opened", user: "U9", tab: "home", channel: "D9" });
    expect((await handleSlackEvents(post(opened), withHome)).status).toBe(200);
    expect(published).toEqual([{ teamId: "E9", userId: "U9" }]);
  });

  it("answers 500 when the work fails, so Slack's retry does it", async () => {
    const { deps } = setUp();
    await deps.installations.save(workspaceInstall("T5"));
    let calls = 0;
    const flaky: EventsRouteDeps = {
      ...deps,
      forgetSubscriptions: async (teamId) => {
        if (++calls === 1) throw new Error("database unavailable");
        return deleteTeamSubscriptions(db, teamId);
      },
    };
    const body = callback("Ev7", "T5", { type: "app_uninstalled" });
    expect((await handleSlackEvents(post(body), flaky)).status).toBe(500);
    expect((await handleSlackEvents(post(body, { "x-slack-retry-num": "1" }), flaky)).status).toBe(200);
    expect(calls).toBe(2);
    expect(await deps.installations.find("team:T5")).toBeUndefined();
  });
});
