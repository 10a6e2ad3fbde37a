// Every `npm test` run gets a temp folder of its own (TMPDIR, which every test process and server
// it starts inherits), so a run never litters the machine's temp folder and runs at the same time
// never see each other's files. At the end the run fails if a test left anything there: each test
// removes what it creates (cdk.out* assemblies, slacktrux-* folders, databases…).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Left by others, not by our tests: Miniflare's dispose() removes its folder without waiting
 * ("fire and forget"), so a test process may exit first; Node's compile cache is Node's own.
 */
const NOT_OURS = [/^miniflare-[0-9a-f]{32}$/, /^node-compile-cache$/];

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const runFolder = mkdtempSync(join(tmpdir(), "slacktrux-test-run-"));
  process.env.TMPDIR = runFolder;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    const left = readdirSync(runFolder).filter((name) => !NOT_OURS.some((pattern) => pattern.test(name)));
    rmSync(runFolder, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0: the exit code is set as well.
      process.exitCode = 1;
      throw new Error(
        `tests left ${left.length} item(s) in the temp folder: ${left.join(", ")}; each test must remove what it creates`,
      );
    }
  };
}
