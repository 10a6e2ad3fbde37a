// Proves which Node runs the Lambda contract tests: .ci/run runs test/lambda again under Node 24
// (the nodejs24.x runtime) with EXPECT_NODE_MAJOR=24, and a run under another Node must not pass
// for one. Without the variable (the ordinary `npm test`) there is nothing to prove — package.json's
// `engines` already sets the floor — so the test is skipped rather than made to pass.
import { expect, it } from "vitest";

const expected = process.env.EXPECT_NODE_MAJOR;

it.skipIf(!expected)("runs under the Node major the caller expects (EXPECT_NODE_MAJOR)", () => {
  console.log(`test/lambda under Node ${process.version}`);
  expect(process.versions.node.split(".")[0]).toBe(expected);
});
