import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./env.js";
import { allSettings, FULFIL_DEADLINE_MS, isSet, PORT, SLACK_SIGNING_SECRET, TRACKER_KIND } from "./registry.js";

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
    const names = allSettings().map((setting) => setting.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("is what the README's configuration table lists, with the same defaults", () => {
    const documented = readmeTable();
    const declared = new Map(
      allSettings()
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
});
