// One target under test: its clients connected, RSS measured before and after, and `measure(rate)`,
// which publishes one step at an offered rate and returns what arrived, how late, and at what cost.
import { sleep } from "./clock";
import { startClientFleet, type ClientFleet } from "./clients";
import { publishStep } from "./publisher";
import { cpuMs, machineCpu, rssKb } from "./spawn";
import { percentile, percentileOf, round, sumBins } from "./stats";
import type { Target } from "./targets";

export interface BenchConfig {
  clients: number;
  workers: number;
  rates: number[];
  stepMs: number;
  tickMs: number;
  topic: string;
  ticker: string;
  epochAbs: number;
  clock: () => number;
}

export interface StepResult {
  offered: number;
  /** Events/s the publisher actually sent. */
  published: number;
  /** Events/s each client received (steady-state window). */
  perClient: number;
  /** Messages/s all clients received together. */
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
  /** Share of the step's events (x clients) that arrived at all. */
  completeness: number;
  /** CPU, in % of one core: the server child, the bench process (clients + publisher), everything else. */
  serverCpu: number;
  /** Server CPU time per delivered message, in microseconds. */
  serverUsPerDelivery: number;
  benchCpu: number;
  otherCpu: number;
  /** CPU the hypervisor took from this VM, in % of one core. */
  steal: number;
  /** Busiest client thread's event-loop utilization (%). */
  clientLoop: number;
  rssMb: number;
  postP99: number;
  dropped: number;
  ok: boolean;
  why: string;
  /** 1, or 2 when the step re-ran after failing once. */
  attempt: number;
  label?: string;
}

export interface Session {
  target: Target;
  clients: number;
  connectMs: number;
  rssBeforeKb: number;
  rssWithClientsKb: number;
  measure(rate: number): Promise<StepResult>;
  /** After an overloaded step: lets the backlog drain and reopens dropped clients. False if it cannot. */
  recover(): Promise<boolean>;
  close(): Promise<void>;
}

const STEADY_SKIP_MS = 500;
const WARMUP_TAG = 1;

export async function openSession(target: Target, config: BenchConfig, log: (line: string) => void): Promise<Session> {
  const pid = target.child.pid;
  let tag = WARMUP_TAG;
  const publish = (rate: number, durationMs: number, step: number) =>
    publishStep({ target: target.publish, rate, durationMs, step, clock: config.clock, topic: config.topic, ticker: config.ticker, tickMs: config.tickMs });

  // Warm the publish path (Next loads route modules lazily) before the baseline RSS.
  await publish(200, 500, 0);
  const rssBeforeKb = await settledRss(pid);

  const fleet = await startClientFleet({
    url: target.wsUrl,
    headers: target.wsHeaders,
    clients: config.clients,
    workers: config.workers,
    topic: target.subscribeTopic,
    epochAbs: config.epochAbs,
  });
  const t0 = Date.now();
  const connected = await fleet.connect();
  const connectMs = Date.now() - t0;
  log(`${target.name}: ${connected.open}/${config.clients} clients open in ${connectMs} ms (${connected.failed} failed attempts)`);
  if (connected.open < config.clients) {
    await fleet.close();
    throw new Error(`${target.name}: only ${connected.open} of ${config.clients} clients connected`);
  }
  const rssWithClientsKb = await settledRss(pid);
  await publish(20, 2_000, WARMUP_TAG);
  await drain(fleet, 3_000);

  return {
    target,
    clients: config.clients,
    connectMs,
    rssBeforeKb,
    rssWithClientsKb,
    async measure(rate) {
      tag += 1;
      return measureStep(target, fleet, config, rate, tag, publish);
    },
    async recover() {
      if (!(await drain(fleet, 20_000))) return false;
      const { open } = await fleet.connect();
      return open === config.clients;
    },
    close: () => fleet.close(),
  };
}

async function measureStep(
  target: Target,
  fleet: ClientFleet,
  config: BenchConfig,
  rate: number,
  tag: number,
  publish: (rate: number, durationMs: number, step: number) => ReturnType<typeof publishStep>,
): Promise<StepResult> {
  const pid = target.child.pid;
  const wall0 = config.clock();
  const server0 = cpuMs(pid);
  const bench0 = process.cpuUsage();
  const machine0 = machineCpu();
  fleet.busiestUtilization();
  const before = await fleet.snapshot([]);
  const pub = await publish(rate, config.stepMs, tag);
  // CPU shares are over the whole measured interval, which runs on past the last tick while the last
  // requests finish.
  const serverMs = cpuMs(pid) - server0;
  const benchUsage = process.cpuUsage(bench0);
  const benchMs = (benchUsage.user + benchUsage.system) / 1000;
  const machine1 = machineCpu();
  const elapsed = config.clock() - wall0;
  const clientLoop = fleet.busiestUtilization();
  const rss = rssKb(pid);
  await drain(fleet, 5_000);
  const snap = await fleet.snapshot([tag]);

  const open = before.open;
  const window = sumBins(snap.bins, pub.startedAt + STEADY_SKIP_MS, pub.endedAt);
  const deliveries = window.ms > 0 ? (window.count * 1000) / window.ms : 0;
  const hist = snap.hists[tag]!;
  const p99 = percentile(hist, 99);
  const dropped = snap.dropped - before.dropped;
  const expected = pub.sent * open;
  const reasons: string[] = [];
  if (deliveries < 0.9 * rate * open) reasons.push("delivery < 90% of offered");
  if (!(p99 <= 1_000)) reasons.push("p99 > 1 s");
  if (dropped > 0) reasons.push(`${dropped} clients dropped ${JSON.stringify(snap.closeCodes)}`);
  if (pub.achieved < 0.9 * rate) reasons.push("publisher fell behind");
  if (pub.failures > 0) reasons.push(`${pub.failures} POSTs failed (${pub.firstError})`);
  const pct = (ms: number) => round((ms / elapsed) * 100);
  const machineBusyMs = machine1.busyMs - machine0.busyMs;
  return {
    offered: rate,
    published: round(pub.achieved),
    perClient: round(open > 0 ? deliveries / open : 0),
    deliveries: Math.round(deliveries),
    p50: round(percentile(hist, 50), 2),
    p99: round(p99, 2),
    max: round(hist.max, 1),
    completeness: round(expected > 0 ? hist.count / expected : 0, 4),
    serverCpu: pct(serverMs),
    serverUsPerDelivery: deliveries > 0 ? round(((serverMs / elapsed) * 1e6) / deliveries, 1) : Number.NaN,
    benchCpu: pct(benchMs),
    otherCpu: Math.max(0, pct(machineBusyMs - serverMs - benchMs)),
    steal: pct(machine1.stealMs - machine0.stealMs),
    clientLoop: round(clientLoop * 100),
    rssMb: round(rss / 1024),
    postP99: round(pub.requestP99, 1),
    dropped,
    ok: reasons.length === 0,
    why: reasons.join("; "),
    attempt: 1,
  };
}

/** RSS once the process has been quiet for a while: the median of five readings over a second, after 2 s. */
async function settledRss(pid: number): Promise<number> {
  await sleep(2_000);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssKb(pid));
    await sleep(250);
  }
  return percentileOf(readings, 50);
}

/** Waits until deliveries stop arriving (two quiet reads 250 ms apart) or `maxMs` passes. */
async function drain(fleet: ClientFleet, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let last = await fleet.total();
  let quiet = 0;
  while (Date.now() < deadline) {
    await sleep(250);
    const now = await fleet.total();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    if (quiet >= 2) return true;
  }
  return false;
}
