// Bot tokens by workspace, with rotation for real: installations in workerd's D1, refreshes spent
// against a loopback Slack that counts them and refuses a refresh token spent twice.
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startD1 } from "../../test/helpers/d1.js";
import { workspaceInstall } from "../../test/helpers/installations.js";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  startSlackOAuthStub,
  type SlackOAuthStub,
} from "../../test/helpers/slackOAuthStub.js";
import { createLogger } from "../observe/log.js";
import type { SqlDatabase } from "../storage/sqlDatabase.js";
import { installedBotTokens, REFRESH_BEFORE_EXPIRY_MS, singleWorkspaceBotTokens } from "./botTokens.js";
import { createSqlInstallationStore } from "./sqlInstallationStore.js";

let mf: Miniflare;
let db: SqlDatabase;
let slack: SlackOAuthStub;

beforeAll(async () => {
  const started = await startD1();
  mf = started.mf;
  db = started.db;
  slack = await startSlackOAuthStub();
}, 30_000);
afterAll(async () => {
  await slack?.close();
  await mf?.dispose();
});

function tokens(lines: string[], nowMs = Date.now) {
  return installedBotTokens({
    store: createSqlInstallationStore(db),
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiUrl: slack.apiUrl },
    log: createLogger((line) => lines.push(line)),
    nowMs,
    pollMs: 20,
  });
}

describe("bot tokens", () => {
  it("single-workspace mode: SLACK_BOT_TOKEN for everyone", async () => {
    expect(await singleWorkspaceBotTokens("xoxb-env").tokenFor({ teamId: "T9" })).toEqual({
      ok: true,
      token: "xoxb-env",
    });
  });

  it("gives each workspace its own token, an org's to its workspaces, and says when there is none", async () => {
    const store = createSqlInstallationStore(db);
    await store.save(workspaceInstall("T1"));
    await store.save({
      ...workspaceInstall("x"),
      id: "enterprise:E7",
      teamId: undefined,
      enterpriseId: "E7",
      isEnterpriseInstall: true,
      botToken: "xoxb-E7",
    });
    const lookup = tokens([]);
    expect(await lookup.tokenFor({ teamId: "T1" })).toEqual({ ok: true, token: "xoxb-T1-1" });
    expect(await lookup.tokenFor({ teamId: "T8", enterpriseId: "E7" })).toEqual({ ok: true, token: "xoxb-E7" });
    expect(await lookup.tokenFor({ teamId: "T2" })).toEqual({ ok: false, reason: "not-installed" });
  });

  it("leaves a token with hours to live alone", async () => {
    const store = createSqlInstallationStore(db);
    await store.save(
      workspaceInstall("T3", {
        refreshToken: "xoxe-1-t3",
        botTokenExpiresAtMs: Date.now() + 2 * REFRESH_BEFORE_EXPIRY_MS,
      }),
    );
    const before = slack.refreshes();
    expect(await tokens([]).tokenFor({ teamId: "T3" })).toEqual({ ok: true, token: "xoxb-T3-1" });
    expect(slack.refreshes()).toBe(before);
  });

  it("refreshes a token that expires within the hour exactly once when two callers ask at once, and both use the new token", async () => {
    const store = createSqlInstallationStore(db);
    slack.grantRefreshToken("xoxe-1-t4", { teamId: "T4", teamName: "Four", expiresIn: 43_200 });
    await store.save(
      workspaceInstall("T4", { refreshToken: "xoxe-1-t4", botTokenExpiresAtMs: Date.now() + 30 * 60_000 }),
    );
    slack.refreshDelayMs = 300;
    const before = slack.refreshes();
    const lines: string[] = [];
    // Two processes, each with its own lookup, sharing only the database.
    const [first, second] = await Promise.all([
      tokens(lines).tokenFor({ teamId: "T4" }),
      tokens(lines).tokenFor({ teamId: "T4" }),
    ]);
    slack.refreshDelayMs = 0;
    expect(slack.refreshes() - before).toBe(1);
    expect(first).toEqual(second);
    expect(first).toMatchObject({ ok: true, token: expect.stringMatching(/^xoxb-stub-T4-/) });
    const saved = await store.find("team:T4");
    expect(saved?.botToken).toBe((first as { token: string }).token);
    expect(saved?.refreshToken).not.toBe("xoxe-1-t4");
    expect(saved!.botTokenExpiresAtMs! - Date.now()).toBeGreaterThan(11 * 60 * 60_000);
    expect(lines.filter((line) => line.includes('"bot token refreshed"'))).toHaveLength(1);
    // No token, old or new, in any log line.
    for (const secret of [...slack.secretsIssued(), "xoxe-1-t4", "xoxb-T4-1", CLIENT_SECRET]) {
      expect(lines.join("\n")).not.toContain(secret);
    }
  });

  it("keeps using a token that still works when the refresh is refused, and fails once it has expired", async () => {
    const store = createSqlInstallationStore(db);
    await store.save(
      workspaceInstall("T5", { refreshToken: "xoxe-1-never-granted", botTokenExpiresAtMs: Date.now() + 60_000 }),
    );
    const lines: string[] = [];
    expect(await tokens(lines).tokenFor({ teamId: "T5" })).toEqual({ ok: true, token: "xoxb-T5-1" });
    expect(lines.join("\n")).toContain("invalid_refresh_token");
    const later = () => Date.now() + 120_000;
    expect(await tokens(lines, later).tokenFor({ teamId: "T5" })).toEqual({ ok: false, reason: "refresh-failed" });
    expect(lines.join("\n")).not.toContain("xoxe-1-never-granted");
  });
});
