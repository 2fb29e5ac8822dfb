// The client fleet, seen from the bench's main thread: N WebSocket clients split across worker threads
// (client-worker.ts), with their merged delivery counts, latency histograms and event-loop load.
import type { EventLoopUtilization } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { BIN_COUNT, mergeHistograms, newHistogram, type HistogramData } from "./stats";
import type { WorkerSetup } from "./client-worker";

export interface FleetOptions {
  url: string;
  headers: Record<string, string>;
  clients: number;
  workers: number;
  topic: string | null;
  epochAbs: number;
}

export interface FleetSnapshot {
  total: number;
  open: number;
  dropped: number;
  closeCodes: Record<string, number>;
  bins: Uint32Array;
  hists: Record<number, HistogramData>;
}

export interface ClientFleet {
  /** Opens every client (and reopens dropped ones); resolves with how many are open. */
  connect(): Promise<{ open: number; failed: number }>;
  /** Deliveries so far, all workers (cheap: for drain checks). */
  total(): Promise<number>;
  snapshot(steps: number[]): Promise<FleetSnapshot>;
  /** Busiest worker's event-loop utilization since the last call (0-1). */
  busiestUtilization(): number;
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL("./client-worker.ts", import.meta.url).href;
const TSX_API = import.meta.resolve("tsx/esm/api");

export async function startClientFleet(options: FleetOptions): Promise<ClientFleet> {
  const shares = split(options.clients, Math.max(1, Math.min(options.workers, options.clients)));
  const workers = shares.map((count) => {
    const workerData: WorkerSetup = { url: options.url, headers: options.headers, count, topic: options.topic, epochAbs: options.epochAbs };
    // Workers do not inherit tsx's loader on Node 20: register it inside the worker, then load the entry.
    const boot = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;
    return new Worker(boot, { eval: true, workerData });
  });
  let nextId = 1;
  const pending = new Map<number, (body: any) => void>();
  for (const worker of workers) {
    worker.on("message", (msg: { id: number }) => {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    });
    worker.on("error", (err) => {
      process.stderr.write(`bench: client worker failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
  }
  const ask = <T>(worker: Worker, op: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ id, op, ...extra });
    });
  const all = <T>(op: string, extra: object = {}) => Promise.all(workers.map((w) => ask<T>(w, op, extra)));
  let marks: EventLoopUtilization[] = workers.map((w) => w.performance.eventLoopUtilization());

  return {
    async connect() {
      const parts = await all<{ open: number; failed: number }>("connect");
      return { open: sum(parts.map((p) => p.open)), failed: sum(parts.map((p) => p.failed)) };
    },
    async total() {
      return sum((await all<{ total: number }>("total")).map((p) => p.total));
    },
    async snapshot(steps) {
      const parts = await all<FleetSnapshot>("snapshot", { steps });
      const merged: FleetSnapshot = { total: 0, open: 0, dropped: 0, closeCodes: {}, bins: new Uint32Array(BIN_COUNT), hists: {} };
      for (const part of parts) {
        merged.total += part.total;
        merged.open += part.open;
        merged.dropped += part.dropped;
        for (const [code, n] of Object.entries(part.closeCodes)) merged.closeCodes[code] = (merged.closeCodes[code] ?? 0) + n;
        for (let i = 0; i < BIN_COUNT; i++) merged.bins[i]! += part.bins[i]!;
        for (const step of steps) mergeHistograms((merged.hists[step] ??= newHistogram()), part.hists[step]!);
      }
      return merged;
    },
    busiestUtilization() {
      const now = workers.map((w) => w.performance.eventLoopUtilization());
      const busiest = Math.max(...now.map((u, i) => utilizationBetween(u, marks[i]!)));
      marks = now;
      return busiest;
    },
    async close() {
      await all("close");
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function utilizationBetween(now: EventLoopUtilization, before: EventLoopUtilization): number {
  const active = now.active - before.active;
  const idle = now.idle - before.idle;
  return active + idle > 0 ? active / (active + idle) : 0;
}

function split(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
