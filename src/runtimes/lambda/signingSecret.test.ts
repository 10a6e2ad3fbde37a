import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../config/env.js";
import { createClientSecretSource, createSigningSecretSource, FAILED_READ_MEMORY_MS } from "./signingSecret.js";
import { createSsmSecrets } from "./ssmSecrets.js";

describe("createSigningSecretSource", () => {
  it("reads the SSM parameter once, trimmed, however many requests ask", async () => {
    const read = vi.fn(async () => "abc123\n");
    const secret = createSigningSecretSource({ SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret" }, read);

    expect(await Promise.all([secret(), secret()])).toEqual(["abc123", "abc123"]);
    expect(await secret()).toBe("abc123");
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith("/slacktrux/signing-secret", undefined);
  });

  it("remembers a failed read for a few seconds (no SSM call), then reads again", async () => {
    let now = 1_000_000;
    const read = vi
      .fn<(name: string) => Promise<string>>()
      .mockRejectedValueOnce(new Error("throttled"))
      .mockResolvedValue("abc123");
    const secret = createSigningSecretSource({ SLACK_SIGNING_SECRET_PARAMETER: "p" }, read, () => now);
    await expect(secret()).rejects.toThrow("throttled");
    now += FAILED_READ_MEMORY_MS - 1;
    await expect(secret()).rejects.toThrow("throttled");
    expect(read).toHaveBeenCalledTimes(1);

    now += 1;
    expect(await secret()).toBe("abc123");
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("passes the first caller's deadline to the read it starts", async () => {
    const read = vi.fn(async () => "abc123");
    const secret = createSigningSecretSource({ SLACK_SIGNING_SECRET_PARAMETER: "p" }, read);
    await secret(1_234);
    expect(read).toHaveBeenCalledWith("p", 1_234);
  });

  it("prefers SLACK_SIGNING_SECRET and then never calls SSM", async () => {
    const read = vi.fn(async () => "from-ssm");
    const secret = createSigningSecretSource(
      { SLACK_SIGNING_SECRET: " direct ", SLACK_SIGNING_SECRET_PARAMETER: "p" },
      read,
    );
    expect(await secret()).toBe("direct");
    expect(read).not.toHaveBeenCalled();
  });

  it("fails with a ConfigError when nothing is configured or the parameter is blank", async () => {
    await expect(createSigningSecretSource({}, vi.fn())()).rejects.toBeInstanceOf(ConfigError);
    await expect(
      createSigningSecretSource({ SLACK_SIGNING_SECRET_PARAMETER: "p" }, async () => " \n")(),
    ).rejects.toThrow(/p is empty/);
  });
});

describe("createClientSecretSource", () => {
  it("reads the client secret's own SSM parameter once, within the first caller's deadline", async () => {
    const read = vi.fn(async () => "client-secret\n");
    const secret = createClientSecretSource(
      { SLACK_CLIENT_SECRET_PARAMETER: "/slacktrux/client-secret", SLACK_SIGNING_SECRET_PARAMETER: "/other" },
      read,
    );
    expect(await Promise.all([secret(2_000), secret()])).toEqual(["client-secret", "client-secret"]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith("/slacktrux/client-secret", 2_000);
  });

  it("prefers SLACK_CLIENT_SECRET, and says which settings to set when neither is", async () => {
    const read = vi.fn(async () => "unused");
    expect(await createClientSecretSource({ SLACK_CLIENT_SECRET: "plain" }, read)()).toBe("plain");
    expect(read).not.toHaveBeenCalled();
    await expect(createClientSecretSource({}, read)()).rejects.toThrow(
      new ConfigError("neither SLACK_CLIENT_SECRET_PARAMETER nor SLACK_CLIENT_SECRET is set"),
    );
  });

  it("is known to the receiver's secret source, which says where to set it on AWS", () => {
    const secrets = createSsmSecrets({ SLACK_CLIENT_SECRET_PARAMETER: "/slacktrux/client-secret" });
    expect(secrets.has("SLACK_CLIENT_SECRET")).toBe(true);
    expect(createSsmSecrets({}).has("SLACK_CLIENT_SECRET")).toBe(false);
    expect(secrets.whereToSet("SLACK_CLIENT_SECRET")).toContain("-c clientSecretParameter=");
  });
});
