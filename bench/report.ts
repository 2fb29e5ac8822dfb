// The bench's output: one table per target, the summary against the target figures, and a small JSON
// file (bench/results/latest.json) to copy into the README.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TargetResult } from "./procedure";
import type { StepResult } from "./session";
import { round } from "./stats";

const COLUMNS: [string, (s: StepResult) => string | number][] = [
  ["offered/s", (s) => `${s.label ? `${s.label} ` : ""}${s.attempt > 1 ? "(retry) " : ""}${s.offered}`],
  ["sent/s", (s) => s.published],
  ["per client/s", (s) => s.perClient],
  ["deliveries/s", (s) => s.deliveries],
  ["p50 ms", (s) => s.p50],
  ["p99 ms", (s) => s.p99],
  ["max ms", (s) => s.max],
  ["arrived", (s) => `${round(s.completeness * 100)}%`],
  ["CPU srv", (s) => `${s.serverCpu}%`],
  ["µs/msg", (s) => s.serverUsPerDelivery],
  ["bench", (s) => `${s.benchCpu}%`],
  ["others", (s) => `${s.otherCpu}%`],
  ["steal", (s) => `${s.steal}%`],
  ["client loop", (s) => `${s.clientLoop}%`],
  ["RSS MB", (s) => s.rssMb],
  ["POST p99", (s) => s.postP99],
  ["", (s) => (s.ok ? "ok" : `FAILED: ${s.why}`)],
];

export function formatTable(result: TargetResult): string {
  const rows = result.steps.map((s) => COLUMNS.map(([, get]) => String(get(s))));
  const header = COLUMNS.map(([name]) => name);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i]!))).join("  ");
  return [
    `${result.name}: ${result.clients} clients connected in ${round(result.connectMs / 1000)} s; RSS ${result.rssBeforeMb} MB before ` +
      `clients, ${result.rssWithClientsMb} MB with them -> ${result.rssPerConnectionKb} KB per connection`,
    line(header),
    ...rows.map(line),
  ].join("\n");
}

export interface Summary {
  hubSaturation: number | null;
  referenceSaturation: number | null;
  saturationRatio: number | null;
  hubPeakDeliveries: number;
  referencePeakDeliveries: number;
  peakRatio: number | null;
  hubHalfRate: number | null;
  hubHalfP99: number | null;
  throughputTargetMet: boolean | null;
  latencyTargetMet: boolean | null;
}

export function summarize(hub: TargetResult | undefined, reference: TargetResult | undefined): Summary {
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? round(a / b, 2) : null);
  const hubHalfP99 = hub?.half?.p99 ?? null;
  return {
    hubSaturation: hub?.saturationRate ?? null,
    referenceSaturation: reference?.saturationRate ?? null,
    saturationRatio: ratio(hub?.saturationRate, reference?.saturationRate),
    hubPeakDeliveries: hub?.peakDeliveries ?? 0,
    referencePeakDeliveries: reference?.peakDeliveries ?? 0,
    peakRatio: ratio(hub?.peakDeliveries, reference?.peakDeliveries),
    hubHalfRate: hub?.half?.offered ?? null,
    hubHalfP99,
    throughputTargetMet: hub && reference ? (hub.saturationRate ?? 0) >= (reference.saturationRate ?? 0) : null,
    latencyTargetMet: hubHalfP99 === null ? null : hubHalfP99 < 100,
  };
}

export function formatSummary(s: Summary, clients: number, results: TargetResult[]): string {
  const yes = (v: boolean | null) => (v === null ? "n/a" : v ? "MET" : "NOT MET");
  const load = results
    .filter((r) => r.atSaturation)
    .map((r) => {
      const a = r.atSaturation!;
      return `${r.name} at ${a.offered}/s: server ${a.serverCpu}% CPU, busiest client thread ${a.clientLoop}% busy, bench process ${a.benchCpu}%, other processes ${a.otherCpu}%, steal ${a.steal}%`;
    });
  return [
    ...(load.length > 0 ? [`Where the load went at the first failed rate (CPU in % of one core, 2 cores in all):`, ...load.map((l) => `  ${l}`)] : []),
    `Saturation at ${clients} clients (highest offered rate delivered in full): hub ${s.hubSaturation ?? "-"} events/s, ` +
      `reference ${s.referenceSaturation ?? "-"} events/s -> ratio ${s.saturationRatio ?? "-"}`,
    `Peak deliveries/s: hub ${s.hubPeakDeliveries}, reference ${s.referencePeakDeliveries} -> ratio ${s.peakRatio ?? "-"}`,
    `Hub p99 at half its saturation rate (${s.hubHalfRate ?? "-"} events/s): ${s.hubHalfP99 ?? "-"} ms`,
    `Target: hub >= reference throughput: ${yes(s.throughputTargetMet)}; p99 < 100 ms at half saturation: ${yes(s.latencyTargetMet)}`,
  ].join("\n");
}

export function writeResults(file: string, config: object, results: TargetResult[], summary: Summary): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", node: process.version, memory_gb: round(os.totalmem() / 2 ** 30) },
    config,
    summary,
    targets: results,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 1)}\n`);
}
