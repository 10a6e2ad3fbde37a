import { describe, expect, it } from "vitest";
import { subscriptionsNotSetUpMessage, type BotTokenHome } from "./subscriptionMessages.js";

describe("subscriptionsNotSetUpMessage", () => {
  const text = (home?: BotTokenHome) => JSON.stringify(subscriptionsNotSetUpMessage(home));

  it("names what to set where this slacktrux runs, and no other runtime's way", () => {
    expect(text()).toContain("`SLACK_BOT_TOKEN`");
    expect(text()).toContain("restart it");
    expect(text("ssm-parameter")).toContain("botTokenParameter");
    expect(text("ssm-parameter")).not.toContain("wrangler");
    expect(text("worker-secret")).toContain("wrangler secret put SLACK_BOT_TOKEN");
    expect(text("worker-secret")).not.toContain("botTokenParameter");
    for (const home of ["environment", "ssm-parameter", "worker-secret"] as const) {
      expect(subscriptionsNotSetUpMessage(home).response_type).toBe("ephemeral");
      expect(text(home)).toContain("docs/SUBSCRIPTIONS.md");
    }
  });
});
