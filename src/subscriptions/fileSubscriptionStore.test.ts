import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileClaimStore } from "../claims/fileClaimStore.js";
import { createFileSubscriptionStore } from "./fileSubscriptionStore.js";
import type { ChannelDigest, TruckFollow } from "./subscription.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "slacktrux-store-"));
  dirs.push(dir);
  return dir;
}

const follow = (id: string, truck: string, userId = "U1"): TruckFollow => ({
  kind: "follow",
  id,
  teamId: "T1",
  userId,
  truck,
  time: "10:30",
  timeZone: "America/New_York",
  days: ["mon", "tue", "wed", "thu", "fri"],
  createdBy: userId,
  createdAt: "2026-12-01T00:00:00.000Z",
});

describe("the file subscription store", () => {
  it("loses no save when two processes' stores write at once", async () => {
    const dir = tempDir();
    const [a, b] = [createFileSubscriptionStore(dir), createFileSubscriptionStore(dir)];
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).add(follow(`f${i}`, `Truck ${i}`, `U${i}`), 10)),
    );
    expect(outcomes).toEqual(Array(12).fill("added"));
    expect(await a.timeZones()).toEqual(["America/New_York"]);
    expect(await b.at("America/New_York", "10:30")).toHaveLength(12);
    // Written atomically: no temporary or lock file is left behind.
    expect(readdirSync(dir)).toEqual(["subscriptions.json"]);
  });

  it("keeps a cap per owner and refuses the same subscription twice", async () => {
    const store = createFileSubscriptionStore(tempDir());
    expect(await store.add(follow("a", "Sol Mexican Grill"), 2)).toBe("added");
    expect(await store.add(follow("b", "Sol Mexican Grill"), 2)).toBe("already");
    expect(await store.add(follow("c", "TaKorean"), 2)).toBe("added");
    expect(await store.add(follow("d", "Hula Girl"), 2)).toBe("at-cap");
    expect(await store.add(follow("e", "Hula Girl", "U2"), 2)).toBe("added");
    expect((await store.remove("T1", "U1", ["a", "e"])).map((s) => s.id)).toEqual(["a"]);
    expect((await store.followsOf("T1", "U1")).map((s) => s.id)).toEqual(["c"]);
  });

  it("lists the daily digests one person set up, in every channel, and no one else's", async () => {
    const store = createFileSubscriptionStore(tempDir());
    const digest = (id: string, channelId: string, createdBy: string, teamId = "T1"): ChannelDigest => ({
      kind: "digest",
      id,
      teamId,
      channelId,
      places: [`Place ${id}`],
      time: "11:30",
      timeZone: "America/New_York",
      days: ["mon"],
      createdBy,
      createdAt: "2026-12-01T00:00:00.000Z",
    });
    for (const d of [
      digest("a", "C1", "U1"),
      digest("b", "C2", "U1"),
      digest("c", "C1", "U2"),
      digest("d", "C3", "U1", "T2"),
    ])
      expect(await store.add(d, 5)).toBe("added");
    await store.add(follow("f", "Sol Mexican Grill"), 5);
    expect((await store.digestsSetBy("T1", "U1")).map((s) => s.id)).toEqual(["a", "b"]);
    expect(await store.digestsSetBy("T1", "U3")).toEqual([]);
  });

  it("stops with a clear error on a corrupt file, and leaves it as it was", async () => {
    const dir = tempDir();
    const file = join(dir, "subscriptions.json");
    const store = createFileSubscriptionStore(dir);
    for (const [text, why] of [
      ["{ half", "not JSON"],
      ['{"version": 1}', "no subscriptions list"],
      ['{"version": 2, "subscriptions": []}', "format version 2, expected 1"],
      ['{"version": 1, "subscriptions": [{"kind": "follow"}]}', "entry 0 is incomplete"],
    ]) {
      writeFileSync(file, text!);
      await expect(store.add(follow("a", "Sol"), 10)).rejects.toThrow(
        `${file} is not a slacktrux subscriptions file (${why})`,
      );
      expect(readFileSync(file, "utf8")).toBe(text);
    }
  });
});

describe("the file claim store", () => {
  it("lets one of several processes claim a key, until it expires", async () => {
    const dir = tempDir();
    let now = 1_000_000;
    const stores = [createFileClaimStore(dir, () => now), createFileClaimStore(dir, () => now)];
    const key = "a".repeat(64);
    const claimed = await Promise.all(stores.map((store) => store.claim(key, 60)));
    expect(claimed.filter(Boolean)).toHaveLength(1);
    now += 61_000;
    expect(await stores[0]!.claim(key, 60)).toBe(true);
    await stores[0]!.confirm(key, 0);
    expect(await stores[1]!.claim(key, 60)).toBe(true);
  });
});
