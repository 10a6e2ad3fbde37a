import { describe, expect, it } from "vitest";
import { attemptSeconds, jobBudgetMs, withClaim } from "./claim.js";
import {
  CLAIM_STORE_MARGIN_SECONDS,
  createMemoryClaimStore,
  DELIVERY_BUDGET_SECONDS,
  IN_PROGRESS_GRACE_SECONDS,
  type ClaimStore,
} from "./claimStore.js";

describe("an attempt's time", () => {
  it("keeps delivery inside the grace, with room for the claim store's own calls", () => {
    expect(DELIVERY_BUDGET_SECONDS + CLAIM_STORE_MARGIN_SECONDS).toBeLessThanOrEqual(IN_PROGRESS_GRACE_SECONDS);
  });

  it("ends a job's work well before its claim lapses (the worker's timeout is the same length)", () => {
    for (const deadlineMs of [100, 1_500, 10_000, 60_000, 600_000]) {
      expect(attemptSeconds(deadlineMs) * 1000 - jobBudgetMs(deadlineMs)).toBeGreaterThanOrEqual(
        CLAIM_STORE_MARGIN_SECONDS * 1000,
      );
    }
  });
});

describe("a job's budget", () => {
  it("is the tracker deadline plus a minute for delivering", () => {
    expect(DELIVERY_BUDGET_SECONDS).toBe(60);
    expect(jobBudgetMs(10_000)).toBe(70_000);
    expect(jobBudgetMs(1_500)).toBe(61_500);
  });

  it("holds an attempt's key for the deadline in whole seconds, rounded up, plus the grace", () => {
    expect(attemptSeconds(10_000)).toBe(10 + IN_PROGRESS_GRACE_SECONDS);
    expect(attemptSeconds(1_001)).toBe(2 + IN_PROGRESS_GRACE_SECONDS);
    expect(attemptSeconds(1)).toBe(1 + IN_PROGRESS_GRACE_SECONDS);
  });
});

describe("withClaim", () => {
  it("runs the work once per key while it is held, and not at all for a duplicate", async () => {
    let now = 0;
    const store = createMemoryClaimStore(() => now);
    const runs: string[] = [];
    const first = await withClaim(store, "k", 10_000, async (claim) => {
      runs.push("first");
      await claim.hold(60);
      return "done";
    });
    const second = await withClaim(store, "k", 10_000, async () => runs.push("second"));
    now = 59_000;
    expect(await withClaim(store, "k", 10_000, async () => runs.push("third"))).toBe("duplicate");
    now = 61_000;
    await withClaim(store, "k", 10_000, async () => runs.push("after the hold"));
    expect([first, second, runs]).toEqual(["done", "duplicate", ["first", "after the hold"]]);
  });

  it("holds an unfinished attempt's key for the deadline plus the grace, then lets a retry in", async () => {
    let now = 0;
    const store = createMemoryClaimStore(() => now);
    await withClaim(store, "k", 10_000, async () => "left without holding or releasing");
    expect(attemptSeconds(10_000)).toBe(10 + IN_PROGRESS_GRACE_SECONDS);
    now = (attemptSeconds(10_000) - 1) * 1000;
    expect(await withClaim(store, "k", 10_000, async () => "retry")).toBe("duplicate");
    now = attemptSeconds(10_000) * 1000;
    expect(await withClaim(store, "k", 10_000, async () => "retry")).toBe("retry");
  });

  it("frees the key when the work releases it or crashes", async () => {
    const store = createMemoryClaimStore(() => 0);
    await withClaim(store, "released", 10_000, (claim) => claim.release());
    expect(await withClaim(store, "released", 10_000, async () => "again")).toBe("again");
    await expect(
      withClaim(store, "crashed", 10_000, async () => {
        throw new Error("bug");
      }),
    ).rejects.toThrow("bug");
    expect(await withClaim(store, "crashed", 10_000, async () => "again")).toBe("again");
  });

  it("passes on the work's own error when letting go of the key fails too", async () => {
    const memory = createMemoryClaimStore(() => 0);
    const store: ClaimStore = {
      claim: (key, seconds) => memory.claim(key, seconds),
      confirm: async () => {
        throw new Error("claim store unreachable");
      },
    };
    await expect(
      withClaim(store, "k", 10_000, async () => {
        throw new Error("tracker parse failed");
      }),
    ).rejects.toThrow("tracker parse failed");
  });
});
