import { describe, expect, it } from "vitest";
import { subscriptionsNotSetUpMessage } from "./subscriptionMessages.js";

describe("subscriptionsNotSetUpMessage", () => {
  it("says who can fix it, in the runtime's own words for where the token goes", () => {
    const message = subscriptionsNotSetUpMessage("store it as the Worker secret `SLACK_BOT_TOKEN`");
    const text = JSON.stringify(message);
    expect(message.response_type).toBe("ephemeral");
    expect(text).toContain("Whoever runs slacktrux can store it as the Worker secret `SLACK_BOT_TOKEN`.");
    expect(text).toContain("docs/SUBSCRIPTIONS.md");
  });
});
