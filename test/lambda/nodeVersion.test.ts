// Proves which Node runs the Lambda contract tests: .ci/run runs test/lambda again under Node 24
// (the nodejs24.x runtime) with EXPECT_NODE_MAJOR=24, and a run under another Node must not pass
// for one. Without the variable (the ordinary `npm test`), any supported Node will do.
import { expect, it } from "vitest";

it("runs under the Node major the caller expects", () => {
  const expected = process.env.EXPECT_NODE_MAJOR;
  const major = process.versions.node.split(".")[0];
  console.log(`test/lambda under Node ${process.version}`);
  if (expected) expect(major).toBe(expected);
  else expect(Number(major)).toBeGreaterThanOrEqual(22);
});
