import { describe, expect, it } from "vitest";
import { checkResponseUrl, parseAllowedHosts } from "./responseUrlPolicy.js";

const slackOnly = parseAllowedHosts("hooks.slack.com");

describe("checkResponseUrl", () => {
  it("accepts https on an allowed host", () => {
    expect(checkResponseUrl("https://hooks.slack.com/commands/T1/2/abc", slackOnly).ok).toBe(true);
  });

  it.each([
    ["http on a public host", "http://hooks.slack.com/commands/T1/2/abc"],
    ["another host", "https://evil.example.com/commands/T1/2/abc"],
    ["a look-alike host", "https://hooks.slack.com.evil.example/x"],
    ["credentials in the URL", "https://user:pw@hooks.slack.com/x"],
    ["not a URL", "hooks.slack.com/x"],
    ["another scheme", "file:///etc/passwd"],
  ])("refuses %s", (_, url) => {
    expect(checkResponseUrl(url, slackOnly).ok).toBe(false);
  });

  it("allows http only on loopback, and only when listed", () => {
    const hosts = parseAllowedHosts("hooks.slack.com, 127.0.0.1");
    expect(checkResponseUrl("http://127.0.0.1:4567/x", hosts).ok).toBe(true);
    expect(checkResponseUrl("http://127.0.0.1:4567/x", slackOnly).ok).toBe(false);
    expect(checkResponseUrl("http://localhost:4567/x", hosts).ok).toBe(false);
  });

  it("honours a port when one is given", () => {
    const hosts = parseAllowedHosts("127.0.0.1:9000");
    expect(checkResponseUrl("http://127.0.0.1:9000/x", hosts).ok).toBe(true);
    expect(checkResponseUrl("http://127.0.0.1:9001/x", hosts).ok).toBe(false);
  });

  it("never repeats the URL in its reason", () => {
    const result = checkResponseUrl("https://evil.example.com/commands/T1/2/secret-path", slackOnly);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain("secret-path");
  });
});
