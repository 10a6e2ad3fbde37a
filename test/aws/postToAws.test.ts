import { afterEach, describe, expect, it } from "vitest";
import { awsServiceFromEnv, postToAws } from "../../src/runtimes/lambda/aws/awsService.js";
import { startLoopbackServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { TEST_CREDENTIALS } from "../helpers/awsStub.js";

let server: LoopbackServer | undefined;
afterEach(() => server?.close());

const post = (timeoutMs = 1_000, deadlineMs?: number) =>
  postToAws(awsServiceFromEnv("ssm", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL: server!.url }), {
    path: "/",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" },
    body: "{}",
    timeoutMs,
    deadlineMs,
  });

describe("postToAws", () => {
  it("tries once more on a fresh connection when the first one is reset (a connection closed while frozen)", async () => {
    server = await startLoopbackServer((_req, res) => {
      if (server!.requests.length === 1) res.socket?.destroy();
      else res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end("{}");
    });
    expect((await post()).status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a timeout: that time is already spent", async () => {
    server = await startLoopbackServer(() => {});
    await expect(post(200)).rejects.toMatchObject({ kind: "timeout" });
    expect(server.requests).toHaveLength(1);
  });

  it("makes no try once its deadline has passed", async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end("{}"));
    await expect(post(1_000, Date.now() - 1)).rejects.toMatchObject({ kind: "timeout" });
    expect(server.requests).toHaveLength(0);
  });

  it("gives a try only the time left before its deadline, however long its own timeout", async () => {
    server = await startLoopbackServer(() => {});
    // Without the deadline this would wait 60 s, past the test's own timeout.
    await expect(post(60_000, Date.now() + 200)).rejects.toMatchObject({ kind: "timeout" });
  });
});
