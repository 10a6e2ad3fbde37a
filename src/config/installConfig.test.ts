import { describe, expect, it } from "vitest";
import { ConfigError } from "./env.js";
import { readInstallConfig } from "./installConfig.js";

const all = {
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "s3cr3t-client",
  SLACKTRUX_PUBLIC_URL: "https://trucks.example.com/",
};

describe("install settings", () => {
  it("are off without a client id: single-workspace mode", () => {
    expect(readInstallConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toBeUndefined();
  });

  it("read the three settings with Slack's API URL, the public URL without its trailing slash", () => {
    expect(readInstallConfig({ ...all, SLACK_API_URL: "http://127.0.0.1:9/api" })).toEqual({
      clientId: "1111.2222",
      publicUrl: "https://trucks.example.com",
      apiUrl: "http://127.0.0.1:9/api/",
    });
    expect(readInstallConfig({ ...all, SLACKTRUX_PUBLIC_URL: "http://localhost:3000" })?.publicUrl).toBe(
      "http://localhost:3000",
    );
  });

  it("name what is missing or wrong, never echoing a value", () => {
    expect(() => readInstallConfig({ ...all, SLACKTRUX_PUBLIC_URL: "" })).toThrow(/^SLACKTRUX_PUBLIC_URL is not set/);
    for (const wrong of [
      "http://trucks.example.com",
      "https://user:s3cr3t@trucks.example.com",
      "https://x.example/?s3cr3t",
      "s3cr3t",
    ]) {
      const read = () => readInstallConfig({ ...all, SLACKTRUX_PUBLIC_URL: wrong });
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(/^SLACKTRUX_PUBLIC_URL must be the https URL/);
      expect(read).not.toThrow(/s3cr3t/);
    }
  });
});
