// @ts-check
// What the benchmarks ran on, and how busy the machine was meanwhile: figures taken while other
// work shares the cores are slower and noisier, and results.json should say so.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";

export function describeMachine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  return {
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export function loadAverage() {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

/** Share of all cores busy (any process, this benchmark's included) from now until `stop()`, in %. */
export function busyMeter() {
  const read = () => {
    if (!existsSync("/proc/stat")) return undefined;
    // cpu user nice system idle iowait irq softirq steal …: idle and iowait are the idle ones.
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { total, idle: (fields[3] ?? 0) + (fields[4] ?? 0) };
  };
  const start = read();
  return {
    stop() {
      const end = read();
      if (!start || !end || end.total === start.total) return undefined;
      return Math.round((1 - (end.idle - start.idle) / (end.total - start.total)) * 1000) / 10;
    },
  };
}
