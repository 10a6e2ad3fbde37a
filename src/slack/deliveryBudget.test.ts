import { describe, expect, it } from "vitest";
import { createDeliveryBudget, SLACK_MAX_POSTS_PER_RESPONSE_URL } from "./deliveryBudget.js";

describe("createDeliveryBudget", () => {
  it("allows Slack's five POSTs per URL, counted per URL", () => {
    const budget = createDeliveryBudget({ ms: 10_000 });
    const taken = Array.from({ length: 7 }, () => budget.takePost("https://hooks.slack.com/commands/1"));
    expect(taken.filter(Boolean)).toHaveLength(SLACK_MAX_POSTS_PER_RESPONSE_URL);
    expect(budget.postsLeft("https://hooks.slack.com/commands/1")).toBe(0);
    expect(budget.takePost("https://hooks.slack.com/services/T/B/x")).toBe(true);
  });

  it("counts down its time and takes nothing once it is spent", () => {
    let now = 1_000;
    const budget = createDeliveryBudget({ ms: 5_000, nowMs: () => now });
    now += 2_000;
    expect(budget.remainingMs()).toBe(3_000);
    now += 4_000;
    expect(budget.remainingMs()).toBe(0);
    expect(budget.takePost("https://hooks.slack.com/commands/1")).toBe(false);
    expect(budget.postsLeft("https://hooks.slack.com/commands/1")).toBe(SLACK_MAX_POSTS_PER_RESPONSE_URL);
  });
});
