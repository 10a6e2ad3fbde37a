// The commands README.md and docs/ tell people to run must exist in this checkout: every
// `npm run <script>` names a script of package.json, and every file a `node`, `npx tsx` or
// `VAR=path` names is there. (Deploys need accounts; that they exist is all this checks.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);
const cliCommands = [...read("src/cli/main.ts").matchAll(/^ {2}([a-z-]+): \{$/gm)].map((match) => match[1]!);
const docs = ["README.md", ...readdirSync(new URL("docs/", root)).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith(".md"),
);

/** The lines of the doc's shell code blocks. */
function shellLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(sh|bash|shell|console)?\n([\s\S]*?)^```/gm)];
  return blocks.flatMap((block) => block[2]!.split("\n")).map((line) => line.replace(/^\$ /, "").trim());
}

describe.each(docs)("%s", (doc) => {
  const lines = shellLines(read(doc));

  it("runs only npm scripts that package.json has", () => {
    const named = lines.flatMap((line) => [...line.matchAll(/\bnpm run ([\w:.-]+)/g)].map((match) => match[1]!));
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it("runs only slacktrux commands the CLI has", () => {
    const named = lines.flatMap((line) =>
      [...line.matchAll(/(?:\bnpm run cli --|^(?:npx )?slacktrux) ([a-z][\w-]*)/g)].map((match) => match[1]!),
    );
    expect(named.filter((command) => !cliCommands.includes(command))).toEqual([]);
  });

  it("names only files that exist", () => {
    const paths = lines.flatMap((line) => [
      ...[...line.matchAll(/\bnode ((?:\.\/)?[\w./-]+\.(?:mjs|js|ts))\b/g)].map((match) => match[1]!),
      ...[...line.matchAll(/\b[A-Z_]+=((?:samples|test|bench|scripts|docs)\/[\w./-]+)/g)].map((match) => match[1]!),
    ]);
    expect(paths.filter((path) => !existsSync(new URL(path, root)))).toEqual([]);
  });
});

it("finds commands to check (a changed code-fence style or CLI layout would make the checks above vacuous)", () => {
  expect(shellLines(read("README.md")).some((line) => line.startsWith("npm "))).toBe(true);
  expect(cliCommands).toEqual(expect.arrayContaining(["serve", "trucks", "try", "tick"]));
});
