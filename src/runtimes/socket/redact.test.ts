import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";

describe("redact", () => {
  it("removes app tokens and the ticket in a wss URL's query, keeping the rest readable", () => {
    const text =
      "Unexpected server response: 401 for wss://wss-primary.slack.com/link/?ticket=abc-123&app_id=A1 (token xapp-1-A1-2-s3cr3t)";
    expect(redact(text)).toBe(
      "Unexpected server response: 401 for wss://wss-primary.slack.com/link/?*** (token xapp-***)",
    );
  });

  it("leaves text without secrets alone", () => {
    expect(redact("connect ECONNREFUSED 127.0.0.1:443")).toBe("connect ECONNREFUSED 127.0.0.1:443");
  });
});
