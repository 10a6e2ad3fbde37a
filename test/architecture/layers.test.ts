// The layout is the architecture: each folder of src/ may import only the folders listed for it
// here, so the domain knows nothing of Slack or clouds, Slack protocol code knows no cloud, and no
// two folders import each other. A new import across folders must be added here on purpose.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../../src/", import.meta.url));

/** Folder (or top-level file) → the folders it may import, besides itself. */
const ALLOWED: Record<string, string[]> = {
  observe: [],
  net: [],
  trucks: ["net"],
  slack: ["net"],
  config: ["trucks", "slack", "subscriptions"],
  messages: ["slack", "trucks"],
  claims: [],
  subscriptions: ["observe", "trucks", "slack", "messages", "claims"],
  phase2: ["observe", "net", "config", "trucks", "slack", "messages", "claims", "subscriptions"],
  phase1: ["observe", "slack", "messages", "phase2", "subscriptions"],
  digest: ["observe", "net", "config", "trucks", "slack", "messages", "claims", "subscriptions", "phase2"],
  storage: ["observe", "claims", "subscriptions"],
  app: [
    "observe",
    "net",
    "config",
    "trucks",
    "slack",
    "messages",
    "claims",
    "subscriptions",
    "phase1",
    "phase2",
    "digest",
    "installations",
  ],
  web: [],
  installations: ["observe", "slack", "storage"],
  install: ["observe", "net", "config", "slack", "claims", "installations", "web"],
  events: ["observe", "slack", "claims", "installations", "storage", "web"],
  home: ["observe", "trucks", "slack", "messages", "subscriptions", "phase2", "storage"],
  runtimes: [
    "observe",
    "net",
    "config",
    "trucks",
    "slack",
    "messages",
    "claims",
    "subscriptions",
    "phase1",
    "phase2",
    "digest",
    "storage",
    "app",
    "web",
    "installations",
    "install",
    "events",
    "home",
  ],
  cli: [
    "observe",
    "net",
    "config",
    "trucks",
    "slack",
    "messages",
    "claims",
    "subscriptions",
    "phase1",
    "phase2",
    "digest",
    "app",
    "web",
    "installations",
    "install",
    "events",
    "home",
    "runtimes",
  ],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const topFolder = (file: string) => relative(src, file).split(/[\\/]/)[0]!;

function crossFolderImports(): { from: string; to: string; file: string }[] {
  const found: { from: string; to: string; file: string }[] = [];
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = resolve(dirname(file), match[1]!);
      const from = topFolder(file);
      const to = topFolder(target);
      if (from !== to) found.push({ from, to, file: relative(src, file) });
    }
  }
  return found;
}

describe("src/ layers", () => {
  const imports = crossFolderImports();

  it("every folder of src/ is declared", () => {
    const folders = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("each folder imports only the folders below it", () => {
    const refused = imports
      .filter(({ from, to }) => !(ALLOWED[from] ?? []).includes(to))
      .map(
        ({ from, to, file }) =>
          `${file} imports ${to}/ (${from}/ may import: ${ALLOWED[from]?.join(", ") || "nothing"})`,
      );
    expect(refused).toEqual([]);
  });

  it("is what docs/ARCHITECTURE.md's layer table says", () => {
    const doc = readFileSync(new URL("../../docs/ARCHITECTURE.md", import.meta.url), "utf8");
    const section = doc.slice(doc.indexOf("## The layers"), doc.indexOf("## One "));
    const documented: Record<string, string[]> = {};
    for (const line of section.split("\n")) {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
      const folder = /^`([a-z0-9]+)\/`$/.exec(cells[1] ?? "")?.[1];
      if (!folder) continue;
      const allowed = cells[3] ?? "";
      const above = Object.keys(documented);
      const except = [...allowed.matchAll(/except `([a-z0-9]+)`/g)].map((m) => m[1]!);
      documented[folder] = allowed.startsWith("all of the above")
        ? above.filter((name) => !except.includes(name))
        : allowed === "nothing"
          ? []
          : [...allowed.matchAll(/`([a-z0-9]+)`/g)].map((m) => m[1]!);
    }
    const sorted = (table: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(table).map(([folder, names]) => [folder, [...names].sort()]));
    expect(sorted(documented)).toEqual(sorted(ALLOWED));
  });

  it("the allowed imports have no cycle", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      if (done.has(folder)) return;
      if (visiting.has(folder)) {
        cycles.push([...path, folder].join(" → "));
        return;
      }
      visiting.add(folder);
      for (const next of ALLOWED[folder] ?? []) visit(next, [...path, folder]);
      visiting.delete(folder);
      done.add(folder);
    };
    for (const folder of Object.keys(ALLOWED)) visit(folder, []);
    expect(cycles).toEqual([]);
  });
});
