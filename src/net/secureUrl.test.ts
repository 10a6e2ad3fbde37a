import { describe, expect, it } from "vitest";
import { checkSecureUrl, isLoopbackHostname, secureUrl } from "./secureUrl.js";

describe("the one URL rule: https, or http on loopback, no credentials", () => {
  it.each([
    "https://slack.com/api/",
    "https://hooks.slack.com:8443/services/T/B/x",
    "http://127.0.0.1:3000/slack/commands",
    "http://127.0.0.1/",
    "http://127.1.2.3:9/",
    "http://127.255.255.255/",
    "http://localhost:8080/",
    "http://LOCALHOST/",
    "http://[::1]:4000/api/",
    "http://[0:0:0:0:0:0:0:1]/",
    "  https://slack.com/api/  ",
  ])("allows %s", (text) => {
    expect(checkSecureUrl(text)).toMatchObject({ ok: true });
    expect(secureUrl(text)?.href).toBe(new URL(text.trim()).href);
  });

  it.each([
    ["http://slack.com/api/", "not-https"],
    ["http://128.0.0.1/", "not-https"],
    ["http://10.0.0.1/", "not-https"],
    ["http://0.0.0.0:3000/", "not-https"],
    ["http://[::2]/", "not-https"],
    ["http://[::ffff:127.0.0.1]/", "not-https"],
    ["http://localhost.example.com/", "not-https"],
    ["http://127.0.0.1.example.com/", "not-https"],
    ["ftp://127.0.0.1/", "not-https"],
    ["file:///etc/passwd", "not-https"],
    ["https://user:pass@slack.com/api/", "credentials"],
    ["https://token@hooks.slack.com/services/x", "credentials"],
    ["http://user@127.0.0.1:3000/", "credentials"],
    ["https://:pass@slack.com/", "credentials"],
    ["not a url", "not-a-url"],
    ["", "not-a-url"],
    ["slack.com/api", "not-a-url"],
  ])("refuses %s (%s)", (text, problem) => {
    expect(checkSecureUrl(text)).toEqual({ ok: false, problem });
    expect(secureUrl(text)).toBeUndefined();
  });

  it("knows loopback by hostname as URL gives it, and bare ::1", () => {
    for (const host of ["localhost", "127.0.0.1", "127.9.8.7", "[::1]", "::1"])
      expect(isLoopbackHostname(host)).toBe(true);
    for (const host of ["", "128.0.0.1", "1127.0.0.1", "127.0.0", "[::2]", "example.com", "localhost.com"]) {
      expect(isLoopbackHostname(host)).toBe(false);
    }
  });

  it("never repeats the URL in its answer (a webhook URL is a secret)", () => {
    expect(JSON.stringify(checkSecureUrl("https://me:s3cret@hooks.slack.com/services/T/B/x"))).not.toContain("s3cret");
  });
});
