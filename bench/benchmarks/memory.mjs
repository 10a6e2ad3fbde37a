// @ts-check
// Benchmark 6 — resident memory (VmRSS from /proc) of the real local server: idle after start,
// then after every 250 commands up to 1,000 (cached page, the default configuration). The slope
// of RSS over commands says whether memory keeps growing with use; one reading says little, as
// V8 grows its heap in steps and gives memory back late.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startCatcher, startTracker, within } from "../harness/loopback.mjs";
import { startLocalServer } from "../harness/localServer.mjs";
import { responseUrl } from "../harness/slackEvents.mjs";
import { figure, median, slope } from "../harness/stats.mjs";

const STEP = 250;
const SETTLE_MS = 300;

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, root, bundles }) {
  // Twice as many steps in a full run, so the slope rests on more points; "after 1,000" is the same in both.
  const commands = quick ? 1_000 : 2_000;
  const tracker = await startTracker(readFileSync(join(root, "samples", "dc-food-truck-list.html"), "utf8"));
  const catcher = await startCatcher();
  const server = await startLocalServer(bundles.cli, { TRACKER_URL: tracker.url });
  const readings = [];
  try {
    await sleep(1_000);
    const idle = [];
    for (let i = 0; i < 5; i++, await sleep(100)) idle.push(server.rssMb());

    for (let index = 0; index < commands; index++) {
      const url = responseUrl(catcher.url, index);
      const delivered = catcher.expect(new URL(url).pathname);
      const answer = await server.send(index, url);
      if (answer.status !== 200) throw new Error(`command ${index} answered ${answer.status}`);
      await within(delivered, 5_000, `command ${index}'s message`);
      if ((index + 1) % STEP === 0) {
        await sleep(SETTLE_MS);
        readings.push({ commands: index + 1, rssMb: server.rssMb() });
      }
    }
    const after1000 = readings.find((reading) => reading.commands === 1_000);
    const perThousand =
      slope(
        readings.map((r) => r.commands),
        readings.map((r) => r.rssMb),
      ) * 1_000;
    return {
      idle: figure(median(idle), "MB", idle.length, "median of 5 readings, 1 s after start"),
      after1000: figure(after1000?.rssMb ?? NaN, "MB", 1),
      trend: figure(
        perThousand,
        "MB per 1,000 commands",
        readings.length,
        `least-squares slope of RSS read after every ${STEP} commands`,
      ),
      readings: readings.map((r) => ({ commands: r.commands, rssMb: Math.round(r.rssMb * 10) / 10 })),
    };
  } finally {
    await server.stop();
    await Promise.all([tracker.close(), catcher.close()]);
  }
}
