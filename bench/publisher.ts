// The publisher: POSTs market_data events at a fixed offered rate, batched into one request per tick
// (10 ms unless told) over a keep-alive agent, at most 4 requests in flight. Each quote carries its send time (`change`, ms since the bench epoch),
// its step (`change_percent`) and a sequence number (`volume`) so that receivers can measure latency.
import http from "node:http";
import { sleep } from "./clock";
import { percentileOf } from "./stats";

export interface PublishTarget {
  url: string;
  headers: Record<string, string>;
}

export interface PublishStepOptions {
  target: PublishTarget;
  /** Events per second offered. */
  rate: number;
  durationMs: number;
  /** Step tag written into every event. */
  step: number;
  clock: () => number;
  topic: string;
  ticker: string;
  /** One POST per tick (default 10 ms). */
  tickMs?: number;
}

export interface PublishStepResult {
  startedAt: number;
  endedAt: number;
  sent: number;
  requests: number;
  failures: number;
  /** Events/s actually sent over the step. */
  achieved: number;
  requestP50: number;
  requestP99: number;
  firstError: string | null;
}

const DEFAULT_TICK_MS = 10;
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 1000;
const SETTLE_TIMEOUT_MS = 15_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
let sequence = 0;

export async function publishStep(options: PublishStepOptions): Promise<PublishStepResult> {
  const { rate, durationMs, clock } = options;
  const totalEvents = Math.round((rate * durationMs) / 1000);
  const startedAt = clock();
  let sent = 0;
  let inFlight = 0;
  let requests = 0;
  let failures = 0;
  let firstError: string | null = null;
  const requestMs: number[] = [];

  const tick = () => {
    if (inFlight >= MAX_IN_FLIGHT) return;
    const due = Math.min(totalEvents, Math.floor((rate * (clock() - startedAt)) / 1000));
    const n = Math.min(MAX_BATCH, due - sent);
    if (n <= 0) return;
    const now = clock();
    const timestamp = new Date().toISOString();
    const events = new Array(n);
    for (let i = 0; i < n; i++) {
      events[i] = {
        topic: options.topic,
        type: "market_data",
        data: { ticker: options.ticker, price: 100, change: Math.round(now * 1000) / 1000, change_percent: options.step, volume: sequence++, timestamp },
      };
    }
    sent += n;
    inFlight += 1;
    requests += 1;
    post(options.target, JSON.stringify(events)).then(
      ({ status, body }) => {
        inFlight -= 1;
        requestMs.push(clock() - now);
        if (status !== 202 && status !== 200) {
          failures += 1;
          firstError ??= `HTTP ${status} ${body.slice(0, 300)}`;
        }
      },
      (err: Error) => {
        inFlight -= 1;
        failures += 1;
        firstError ??= err.message;
      },
    );
  };

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      tick();
      if (sent >= totalEvents || clock() - startedAt > durationMs * 3) {
        clearInterval(timer);
        resolve();
      }
    }, options.tickMs ?? DEFAULT_TICK_MS);
  });
  const endedAt = clock();
  const settleBy = Date.now() + SETTLE_TIMEOUT_MS;
  while (inFlight > 0 && Date.now() < settleBy) await sleep(5);
  return {
    startedAt,
    endedAt,
    sent,
    requests,
    failures,
    achieved: (sent * 1000) / Math.max(1, endedAt - startedAt),
    requestP50: percentileOf(requestMs, 50),
    requestP99: percentileOf(requestMs, 99),
    firstError,
  };
}

function post(target: PublishTarget, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      target.url,
      {
        method: "POST",
        agent,
        headers: { ...target.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = "";
        // Only a failure's body is kept (for the report); a success's is drained.
        res.on("data", (chunk: Buffer) => {
          if (status >= 300 && text.length < 1_000) text += chunk.toString("utf8");
        });
        res.on("end", () => resolve({ status, body: text }));
        res.on("error", reject);
      },
    );
    req.setTimeout(SETTLE_TIMEOUT_MS, () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Closes the keep-alive sockets so the bench can exit. */
export function closePublisher(): void {
  agent.destroy();
}
