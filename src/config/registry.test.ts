import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./env.js";
import {
  allSettings,
  FULFIL_DEADLINE_MS,
  isSet,
  PORT,
  SLACK_API_URL,
  SLACK_APP_TOKEN,
  SLACK_SIGNING_SECRET,
  TRACKER_KIND,
} from "./registry.js";
import { lambdaSettings } from "../runtimes/lambda/lambdaSettings.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's configuration table: variable → default column, as written. */
function readmeTable(): Map<string, string> {
  const section = readme.slice(readme.indexOf("## Configuration"));
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length < 4 || !cells[1]?.startsWith("`")) continue;
    const names = [...cells[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!);
    const defaults = [...cells[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    names.forEach((name, index) => rows.set(name, defaults[index] ?? "—"));
    if (line.startsWith("## ") && rows.size > 0) break;
  }
  return rows;
}

describe("the configuration registry", () => {
  it("declares each variable once", () => {
    const names = [...allSettings(), ...lambdaSettings()].map((setting) => setting.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("is what the README's configuration table lists, with the same defaults", () => {
    const documented = readmeTable();
    const declared = new Map(
      [...allSettings(), ...lambdaSettings()]
        .filter((setting) => !setting.platform)
        .map((setting) => [setting.name, setting.defaultText ?? "—"]),
    );
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(declared));
  });

  it("checks values and names the variable, never the value", () => {
    expect(() => PORT.read({ PORT: "70000" })).toThrow(new ConfigError("PORT must be a number from 0 to 65535"));
    expect(() => TRACKER_KIND.read({ TRACKER_KIND: "s3cr3t" })).toThrow(/^TRACKER_KIND must be one of/);
    expect(() => TRACKER_KIND.read({ TRACKER_KIND: "s3cr3t" })).not.toThrow(/s3cr3t/);
    expect(() => SLACK_SIGNING_SECRET.read({ SLACK_SIGNING_SECRET: "  " })).toThrow(/SLACK_SIGNING_SECRET is not set/);
  });

  it("gives defaults for unset or blank values", () => {
    expect(FULFIL_DEADLINE_MS.read({})).toBe(10_000);
    expect(FULFIL_DEADLINE_MS.read({ FULFIL_DEADLINE_MS: " " })).toBe(10_000);
    expect(TRACKER_KIND.read({ TRACKER_KIND: "Selectors" })).toBe("selectors");
    expect(isSet(SLACK_SIGNING_SECRET, { SLACK_SIGNING_SECRET: "x" })).toBe(true);
    expect(isSet(SLACK_SIGNING_SECRET, { SLACK_SIGNING_SECRET: "" })).toBe(false);
  });

  it("takes an app-level token only, and never echoes a wrong one", () => {
    expect(SLACK_APP_TOKEN.read({})).toBeUndefined();
    expect(SLACK_APP_TOKEN.read({ SLACK_APP_TOKEN: " xapp-1-A1-2-abc " })).toBe("xapp-1-A1-2-abc");
    for (const wrong of ["xoxb-123-s3cr3t", "s3cr3t"]) {
      expect(() => SLACK_APP_TOKEN.read({ SLACK_APP_TOKEN: wrong })).toThrow(
        /^SLACK_APP_TOKEN must be an app-level token starting with xapp-/,
      );
      expect(() => SLACK_APP_TOKEN.read({ SLACK_APP_TOKEN: wrong })).not.toThrow(/s3cr3t/);
    }
  });

  it("reads SLACK_API_URL as a base that method names resolve under", () => {
    expect(SLACK_API_URL.read({})).toBe("https://slack.com/api/");
    expect(SLACK_API_URL.read({ SLACK_API_URL: "https://slack-gov.com/api" })).toBe("https://slack-gov.com/api/");
    expect(SLACK_API_URL.read({ SLACK_API_URL: "http://127.0.0.1:4000/api/" })).toBe("http://127.0.0.1:4000/api/");
    expect(new URL("apps.connections.open", SLACK_API_URL.read({})).href).toBe(
      "https://slack.com/api/apps.connections.open",
    );
  });

  it.each(["slack.com/api", "http://slack.com/api/", "ftp://slack.com/", "https://user:pw@slack.com/api/"])(
    "refuses SLACK_API_URL %s: the app token must not go in clear or to a URL with credentials",
    (value) => {
      expect(() => SLACK_API_URL.read({ SLACK_API_URL: value })).toThrow(/^SLACK_API_URL must be an https URL/);
    },
  );
});
