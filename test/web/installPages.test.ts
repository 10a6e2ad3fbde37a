// The install pages in a real browser (headless chromium), served from loopback by the install
// routes, with a loopback Slack for the authorize page and oauth.v2.access: a keyboard alone,
// on a phone-sized screen and without JavaScript, goes from the install page through Slack's
// Allow to the success page; the privacy page says what is stored and how it is deleted; and
// axe-core finds no accessibility violation on any page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Miniflare } from "miniflare";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryClaimStore } from "../../src/claims/claimStore.js";
import {
  handleInstallPage,
  handleOAuthRedirect,
  handlePrivacyPage,
  type InstallDeps,
} from "../../src/install/installRoutes.js";
import { createSqlInstallationStore } from "../../src/installations/sqlInstallationStore.js";
import { silentLogger } from "../../src/observe/log.js";
import type { InboundRequest, OutboundResponse } from "../../src/web/exchange.js";
import { launchBrowser } from "../helpers/browser.js";
import { startD1 } from "../helpers/d1.js";
import { startLoopbackServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { CLIENT_ID, CLIENT_SECRET, startSlackOAuthStub, type SlackOAuthStub } from "../helpers/slackOAuthStub.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let mf: Miniflare;
let slack: SlackOAuthStub;
let app: LoopbackServer;
let browser: Browser;
let deps: InstallDeps;

beforeAll(async () => {
  const started = await startD1();
  mf = started.mf;
  slack = await startSlackOAuthStub();
  // A thin node:http translator, as the runtimes' will be.
  app = await startLoopbackServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const request: InboundRequest = {
      method: req.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: { cookie: req.headers.cookie },
      rawBody: Buffer.from(req.body),
    };
    const routes: Record<string, () => Promise<OutboundResponse> | OutboundResponse> = {
      "/slack/install": () => handleInstallPage(request, deps),
      "/slack/oauth_redirect": () => handleOAuthRedirect(request, deps),
      "/privacy": () => handlePrivacyPage(request),
    };
    const route = routes[url.pathname];
    const response: OutboundResponse = route ? await route() : { status: 404, headers: {}, body: "" };
    const cookies = response.cookies ? { "set-cookie": response.cookies } : {};
    res.writeHead(response.status, { ...response.headers, ...cookies }).end(response.body);
  });
  deps = {
    settings: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, publicUrl: app.url, apiUrl: slack.apiUrl },
    installations: createSqlInstallationStore(started.db),
    claims: createMemoryClaimStore(),
    log: silentLogger,
  };
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await slack?.close();
  await mf?.dispose();
});

/** A phone's screen, with JavaScript off: the pages must work without it. */
const phone = () => browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });

/** Run in Playwright's own isolated world, which works with the page's JavaScript off. */
const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>("document.documentElement.scrollWidth > document.documentElement.clientWidth");

/** Presses Tab until `name`'s link has the focus; how many presses it took. */
async function tabTo(page: Page, name: string): Promise<number> {
  const link = page.getByRole("link", { name, exact: true });
  for (let presses = 1; presses <= 10; presses++) {
    await page.keyboard.press("Tab");
    if (await link.evaluate((element) => element.ownerDocument.activeElement === element)) return presses;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe("the install pages in a browser", () => {
  it("take a keyboard, on a phone, without JavaScript, from Add to Slack through Slack's Allow to the app", async () => {
    const context = await phone();
    try {
      const page = await context.newPage();
      slack.nextWorkspace = { teamId: "T0BROWSER", teamName: "Browser Co" };
      await page.goto(`${app.url}/slack/install`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("food trucks");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("script").count()).toBe(0);
      expect(await scrollsSideways(page)).toBe(false);

      expect(await tabTo(page, "Add to Slack")).toBeLessThanOrEqual(4);
      await Promise.all([page.waitForURL(/\/oauth\/v2\/authorize/), page.keyboard.press("Enter")]);
      await Promise.all([page.waitForURL(/\/slack\/oauth_redirect/), page.locator("#allow").click()]);

      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("slacktrux is installed");
      expect(await page.getByRole("link", { name: "Open slacktrux in Slack" }).getAttribute("href")).toBe(
        "slack://app?team=T0BROWSER&id=A0APP",
      );
      expect(await scrollsSideways(page)).toBe(false);
      expect(await deps.installations.find("team:T0BROWSER")).toBeDefined();

      // The browser sent the cookie back and it is gone now: the same callback again is refused.
      const again = await page.reload();
      expect(again?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });

  it("a cancel on Slack's page ends on a friendly page with a way back", async () => {
    const context = await phone();
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/slack/install`);
      await page.getByRole("link", { name: "Add to Slack", exact: true }).click();
      await Promise.all([page.waitForURL(/error=access_denied/), page.locator("#cancel").click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("slacktrux was not installed");
      expect(await tabTo(page, "Start again")).toBeLessThanOrEqual(3);
    } finally {
      await context.close();
    }
  });

  it("the privacy page, on a phone, says saved places and refused runs are stored and how each is deleted", async () => {
    const context = await phone();
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/privacy`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Privacy");
      expect(await scrollsSideways(page)).toBe(false);
      const stored = page.getByRole("heading", { name: "What is stored" }).locator("xpath=following-sibling::ul[1]");
      const items = await stored.getByRole("listitem").allTextContents();
      expect(items.some((item) => /who chooses their place on the app's Home tab: their id/.test(item))).toBe(true);
      expect(
        items.some((item) => /Slack refused a daily post or follow because the workspace's token/.test(item)),
      ).toBe(true);
      const deletion = page
        .getByRole("heading", { name: "How it is deleted" })
        .locator("xpath=following-sibling::p[1]");
      const howDeleted = (await deletion.textContent())!.replace(/\s+/g, " ");
      expect(howDeleted).toContain("daily posts, follows and everyone's saved places at once");
      expect(howDeleted).toContain("a refused run's record goes at slacktrux's next check");
    } finally {
      await context.close();
    }
  });

  it("have no accessibility violations axe-core can find (contrast, labels, landmarks, language)", async () => {
    // axe is a script, so this context runs JavaScript, and lets axe past the pages' CSP.
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      const page = await context.newPage();
      const violations = async () => {
        await page.evaluate(axeSource);
        const result = await page.evaluate(async () => {
          const axe = (
            globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
          ).axe;
          return (await axe.run()).violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
        });
        return result;
      };
      slack.nextWorkspace = { teamId: "T0AXE", teamName: "Axe & Co" };
      await page.goto(`${app.url}/slack/install`);
      expect(await violations()).toEqual([]);
      await page.getByRole("link", { name: "Add to Slack", exact: true }).click();
      await Promise.all([page.waitForURL(/\/slack\/oauth_redirect/), page.locator("#allow").click()]);
      expect(await violations()).toEqual([]);
      await page.goto(`${app.url}/slack/oauth_redirect?state=forged`);
      expect(await violations()).toEqual([]);
      await page.goto(`${app.url}/privacy`);
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
