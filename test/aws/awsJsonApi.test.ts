import { afterEach, describe, expect, it } from "vitest";
import { callJsonApi } from "../../src/runtimes/lambda/aws/awsJsonApi.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { describeFailure } from "../../src/observe/describeFailure.js";
import { getSecureString } from "../../src/runtimes/lambda/aws/ssmParameter.js";
import { startLoopbackServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { TEST_CREDENTIALS } from "../helpers/awsStub.js";

let server: LoopbackServer | undefined;
afterEach(() => server?.close());

const ssm = () => awsServiceFromEnv("ssm", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL: server!.url });

describe("callJsonApi", () => {
  it("returns the parsed answer", async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end('{"Parameter":{"Value":"v"}}'));
    expect(await callJsonApi(ssm(), "AmazonSSM.GetParameter", { Name: "p" }, { timeoutMs: 1_000 })).toEqual({
      Parameter: { Value: "v" },
    });
  });

  it("fails on a 200 that is not JSON without quoting the body, which may hold a secret", async () => {
    // JSON.parse's own message for this body quotes the text around the fault: the secret.
    const body = '{"Parameter":{"Value":very-secret-signing-secret}}';
    expect(() => JSON.parse(body)).toThrow(/very-secre/);
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end(body));

    const failure = await getSecureString(ssm(), "/slacktrux/signing-secret").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    // What the receiver logs about it.
    expect(describeFailure(failure)).toEqual({
      error: "Error",
      reason: "ssm answered AmazonSSM.GetParameter with a body that is not JSON",
    });
  });
});
