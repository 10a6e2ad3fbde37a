// A real headless browser for the pages' tests: Debian's chromium driven by playwright-core (one
// package, no dependencies, no browser download). Launched with the team's flags; tests close it.
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium (.ci/run installs it); CHROMIUM_PATH names another (the forge's runners have Chrome). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
