import { describe, expect, it, vi } from "vitest";
import { cachedOnSuccess } from "./cachedOnSuccess.js";

describe("cachedOnSuccess", () => {
  it("loads each key once, sharing the promise with calls made while it loads", async () => {
    const load = vi.fn(async (key: string) => `value of ${key}`);
    const get = cachedOnSuccess(load);

    expect(await Promise.all([get("a"), get("a"), get("b")])).toEqual(["value of a", "value of a", "value of b"]);
    expect(await get("a")).toBe("value of a");
    expect(load.mock.calls).toEqual([["a"], ["b"]]);
  });

  it("forgets a failed load, for every caller that shared it, so the next call loads again", async () => {
    const load = vi
      .fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(new Error("throttled"))
      .mockResolvedValue("ok");
    const get = cachedOnSuccess(load);

    const [first, second] = [get("a"), get("a")];
    await expect(first).rejects.toThrow("throttled");
    await expect(second).rejects.toThrow("throttled");
    expect(await get("a")).toBe("ok");
    expect(await get("a")).toBe("ok");
    expect(load).toHaveBeenCalledTimes(2);
  });
});
