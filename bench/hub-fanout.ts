// `npm run bench`: fan-out of the Switchboard hub against a bare `ws` broadcast server. Starts each as a
// child process, connects BENCH_CLIENTS clients, publishes at rising rates, prints a table per target
// and a summary, and writes bench/results/latest.json. Children are killed on exit, error or signal.
//
// Environment: BENCH_CLIENTS (1000), BENCH_RATES (10,25,50,100,200,400,800,1600,3200 events/s),
// BENCH_STEP_MS (4000), BENCH_TICK_MS (10: one POST per tick), BENCH_CLIENT_WORKERS (2),
// BENCH_TARGETS (hub,reference),
// BENCH_REF_TUNED (0: the idiomatic `ws` broadcast; 1: Buffer + cork like the hub),
// BENCH_REDIS_URL (unset: the hub on its in-process bus; a URL: the hub on the Redis bus there),
// BENCH_CPU_PROF (0; 1 writes .cpuprofile files of the children to bench/results/prof).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absoluteNow, clockFrom } from "./clock";
import { runInterleaved } from "./procedure";
import { closePublisher } from "./publisher";
import { formatSummary, formatTable, summarize, writeResults } from "./report";
import { openSession, type BenchConfig, type Session } from "./session";
import { ensureBuild, startHub, startReference, type Target, type TargetOptions } from "./targets";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS = path.join(ROOT, "bench/results/latest.json");
const OVERALL_TIMEOUT_MS = 10 * 60_000;

function config() {
  const int = (name: string, fallback: number, min: number) => {
    const raw = process.env[name];
    const value = raw === undefined || raw === "" ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got ${raw})`);
    return value;
  };
  const rates = (process.env.BENCH_RATES || "10,25,50,100,200,400,800,1600,3200").split(",").map(Number);
  if (rates.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error("BENCH_RATES must be a comma-separated list of positive numbers");
  const targets = (process.env.BENCH_TARGETS || "hub,reference").split(",").map((t) => t.trim());
  if (targets.some((t) => t !== "hub" && t !== "reference")) throw new Error("BENCH_TARGETS may list only hub and reference");
  return {
    clients: int("BENCH_CLIENTS", 1000, 1),
    workers: int("BENCH_CLIENT_WORKERS", 2, 1),
    stepMs: int("BENCH_STEP_MS", 4000, 500),
    tickMs: int("BENCH_TICK_MS", 10, 1),
    rates: rates.sort((a, b) => a - b),
    targets,
    refTuned: process.env.BENCH_REF_TUNED === "1",
    redisUrl: process.env.BENCH_REDIS_URL || undefined,
    cpuProf: process.env.BENCH_CPU_PROF === "1",
  };
}

async function main() {
  const settings = config();
  const overall = setTimeout(() => {
    process.stderr.write(`bench: still running after ${OVERALL_TIMEOUT_MS / 60_000} minutes; giving up\n`);
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  overall.unref();

  const epochAbs = absoluteNow();
  const bench: BenchConfig = {
    clients: settings.clients,
    workers: settings.workers,
    rates: settings.rates,
    stepMs: settings.stepMs,
    tickMs: settings.tickMs,
    topic: "market:BENCH",
    ticker: "BENCH",
    epochAbs,
    clock: clockFrom(epochAbs),
  };
  const nodeFlags = settings.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${path.join(ROOT, "bench/results/prof")}`] : [];
  const options: TargetOptions = { root: ROOT, topic: bench.topic, nodeFlags, redisUrl: settings.redisUrl };
  const log = (line: string) => console.log(`[${(bench.clock() / 1000).toFixed(1)}s] ${line}`);

  log(
    `${settings.clients} clients in ${settings.workers} client thread(s); rates ${settings.rates.join(",")} events/s, ` +
      `${settings.stepMs} ms steps, one POST per ${settings.tickMs} ms; reference: ${settings.refTuned ? "tuned (Buffer + cork)" : "idiomatic ws broadcast"}; ` +
      `hub bus: ${settings.redisUrl ? "Redis" : "in-process"}`,
  );
  if (settings.targets.includes("hub")) ensureBuild(ROOT);
  const targets: Target[] = [];
  const sessions: Session[] = [];
  let results;
  try {
    for (const name of settings.targets) {
      log(`starting ${name}...`);
      const target = name === "hub" ? await startHub(options) : await startReference({ ...options, tuned: settings.refTuned });
      targets.push(target);
      sessions.push(await openSession(target, bench, log));
    }
    results = await runInterleaved(sessions, bench.rates, log);
  } finally {
    for (const session of sessions) await session.close();
    for (const target of targets) await target.stop();
  }
  closePublisher();

  console.log("");
  for (const result of results) console.log(`${formatTable(result)}\n`);
  const summary = summarize(
    results.find((r) => r.name === "hub"),
    results.find((r) => r.name === "reference"),
  );
  console.log(formatSummary(summary, settings.clients, results));
  // The bus's kind, never its URL (it may carry a password).
  const { redisUrl, ...recorded } = settings;
  writeResults(RESULTS, { ...recorded, bus: redisUrl ? "redis" : "in-process", stepMs: bench.stepMs }, results, summary);
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULTS)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
