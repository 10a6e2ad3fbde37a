import { describe, expect, it } from "vitest";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { ConfigError } from "../config/env.js";
import type { InstallationStore } from "../installations/installationStore.js";
import { silentLogger } from "../observe/log.js";
import { envSecrets } from "./envSecrets.js";
import { readInstalls } from "./installs.js";

const env = {
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "s3cr3t-client",
  SLACKTRUX_PUBLIC_URL: "https://trucks.example.com/",
};
const where = (name: string) => `set ${name} here`;
const installations = {} as InstallationStore;
const ports = (settings: Record<string, string>, stores = true) => ({
  env: settings,
  secrets: envSecrets(settings, where),
  log: silentLogger,
  ...(stores ? { installations, claims: createMemoryClaimStore() } : {}),
});

describe("readInstalls", () => {
  it("is off without a client id: one workspace, as before", () => {
    expect(readInstalls(ports({ SLACK_BOT_TOKEN: "xoxb-1" }, false))).toBeUndefined();
  });

  it("reads the client secret through the runtime's secret source, when first needed", async () => {
    const installs = readInstalls(ports(env))!;
    expect(installs.config.publicUrl).toBe("https://trucks.example.com");
    expect((await installs.oauthClient()).clientSecret).toBe("s3cr3t-client");
    expect((await installs.routeDeps()).settings.clientSecret).toBe("s3cr3t-client");
  });

  it("refuses to start without the secret, saying where to set it, or without a store for installations", () => {
    const { SLACK_CLIENT_SECRET: _secret, ...withoutSecret } = env;
    expect(() => readInstalls(ports(withoutSecret))).toThrow(ConfigError);
    expect(() => readInstalls(ports(withoutSecret))).toThrow(
      /^SLACK_CLIENT_SECRET is not set: .*Client Secret.*; set SLACK_CLIENT_SECRET here$/,
    );
    expect(() => readInstalls(ports(env, false))).toThrow(/keeps no installations/);
  });
});
