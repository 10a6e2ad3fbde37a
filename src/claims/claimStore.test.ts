import { describe, expect, it } from "vitest";
import { createMemoryClaimStore } from "./claimStore.js";

describe("createMemoryClaimStore", () => {
  it("keeps each key for its own time, whatever order keys of other lifetimes came in", async () => {
    let now = 1_000_000;
    const store = createMemoryClaimStore(() => now);
    expect(await store.claim("released", 100)).toBe(true);
    await store.confirm("released", 0); // a crash lets go at once
    expect(await store.claim("answered", 100)).toBe(true);
    await store.confirm("answered", 30 * 60); // held for the response_url's life
    expect(await store.claim("in-progress", 100)).toBe(true);

    expect(await store.claim("released", 100)).toBe(true);
    expect(await store.claim("answered", 100)).toBe(false);
    expect(await store.claim("in-progress", 100)).toBe(false);

    now += 5 * 60_000; // past the claims, not the confirmation; the next claim sweeps
    expect(await store.claim("someone-else", 100)).toBe(true);
    expect(await store.claim("answered", 100)).toBe(false);
    expect(await store.claim("in-progress", 100)).toBe(true);

    now += 30 * 60_000;
    expect(await store.claim("answered", 100)).toBe(true);
  });
});
