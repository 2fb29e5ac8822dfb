// A client worker thread: holds its share of the bench's WebSocket clients, counts every event they
// receive (binned by receive time) and records publish-to-receive latency per step. clients.ts drives it.
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";
import { clockFrom } from "./clock";
import { BIN_COUNT, BIN_MS, newHistogram, recordLatency, type HistogramData } from "./stats";

export interface WorkerSetup {
  url: string;
  headers: Record<string, string>;
  count: number;
  /** Topic to subscribe to after `open` (the hub); null when every client gets everything (the reference). */
  topic: string | null;
  epochAbs: number;
}

export type WorkerRequest =
  | { id: number; op: "connect" }
  | { id: number; op: "total" }
  | { id: number; op: "snapshot"; steps: number[] }
  | { id: number; op: "close" };

const setup = workerData as WorkerSetup;
const clock = clockFrom(setup.epochAbs);
const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 15_000;

const sockets = new Set<WebSocket>();
const bins = new Uint32Array(BIN_COUNT);
const histograms = new Map<number, HistogramData>();
const closeCodes: Record<string, number> = {};
let total = 0;
let dropped = 0;
let closing = false;

function histogramFor(step: number): HistogramData {
  let h = histograms.get(step);
  if (!h) histograms.set(step, (h = newHistogram()));
  return h;
}

/** The hot path: no JSON.parse, just the two numbers the publisher put in the quote. */
function onMessage(data: Buffer, ready: () => void): void {
  const now = clock();
  const text = data.toString("latin1");
  const at = text.indexOf('"change":');
  if (at === -1) {
    if (text.includes('"type":"subscribed"')) ready();
    return;
  }
  const sentAt = parseFloat(text.slice(at + 9, at + 40));
  const stepAt = text.indexOf('"change_percent":', at);
  const step = stepAt === -1 ? -1 : parseInt(text.slice(stepAt + 17, stepAt + 30), 10);
  total += 1;
  const bin = Math.floor(now / BIN_MS);
  if (bin >= 0 && bin < BIN_COUNT) bins[bin]! += 1;
  recordLatency(histogramFor(step), now - sentAt);
}

function connectOne(): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(setup.url, { headers: setup.headers, perMessageDeflate: false, skipUTF8Validation: true });
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) sockets.add(ws);
      else ws.terminate();
      resolve(ok);
    };
    const timer = setTimeout(() => settle(false), CONNECT_TIMEOUT_MS);
    ws.on("error", () => settle(false));
    ws.on("message", (data: Buffer) => onMessage(data, () => settle(true)));
    ws.on("open", () => {
      if (setup.topic) ws.send(JSON.stringify({ type: "subscribe", ref: "bench", topics: [setup.topic] }));
      else settle(true);
    });
    ws.on("close", (code) => {
      const wasOpen = sockets.delete(ws);
      if (wasOpen && !closing) {
        dropped += 1;
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      }
      settle(false);
    });
  });
}

/** Opens clients until `setup.count` are open (replacing dropped ones), at most CONNECT_CONCURRENCY at a time. */
async function connectAll(): Promise<{ open: number; failed: number }> {
  let failed = 0;
  let attempts = 0;
  let connecting = 0;
  const maxAttempts = setup.count * 2;
  const lane = async () => {
    while (sockets.size + connecting < setup.count && attempts < maxAttempts) {
      attempts += 1;
      connecting += 1;
      const ok = await connectOne();
      connecting -= 1;
      if (!ok) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, setup.count) }, lane));
  return { open: sockets.size, failed };
}

async function closeAll(): Promise<void> {
  closing = true;
  const waits = [...sockets].map(
    (ws) =>
      new Promise<void>((resolve) => {
        ws.once("close", () => resolve());
        ws.close(1000);
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 2_000).unref();
      }),
  );
  await Promise.all(waits);
}

parentPort!.on("message", (request: WorkerRequest) => {
  const reply = (body: object) => parentPort!.postMessage({ id: request.id, ...body });
  switch (request.op) {
    case "connect":
      void connectAll().then(reply);
      return;
    case "total":
      reply({ total, open: sockets.size });
      return;
    case "snapshot": {
      const hists: Record<number, HistogramData> = {};
      for (const step of request.steps) hists[step] = histogramFor(step);
      reply({ total, open: sockets.size, dropped, closeCodes, bins, hists });
      return;
    }
    case "close":
      void closeAll().then(() => reply({}));
      return;
  }
});
