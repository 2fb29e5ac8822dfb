// The rising-rate procedure, run on every target in lockstep (hub step, reference step, next rate...)
// so that both see the same background load: raise the offered rate until a step fails twice in a row
// (saturation), refine between the last good and the first bad rate, then measure at half the
// saturation rate.
import { round } from "./stats";
import type { Session, StepResult } from "./session";

export interface TargetResult {
  name: string;
  clients: number;
  connectMs: number;
  rssBeforeMb: number;
  rssWithClientsMb: number;
  rssPerConnectionKb: number;
  steps: StepResult[];
  /** Highest offered rate that was delivered in full (null: not even the first). */
  saturationRate: number | null;
  saturationReached: boolean;
  /** Most messages/s the clients received in any step. */
  peakDeliveries: number;
  half: StepResult | null;
  /** The first failed step: where the load went (server CPU, client thread, steal, other processes). */
  atSaturation: StepResult | null;
}

interface Track {
  session: Session;
  steps: StepResult[];
  good: number | null;
  bad: number | null;
  half: StepResult | null;
  /** False once a failed step could not drain or reconnect: no more steps for this target. */
  usable: boolean;
}

export async function runInterleaved(sessions: Session[], rates: number[], log: (line: string) => void): Promise<TargetResult[]> {
  const tracks: Track[] = sessions.map((session) => ({ session, steps: [], good: null, bad: null, half: null, usable: true }));

  for (const rate of rates) {
    const rising = tracks.filter((t) => t.bad === null);
    if (rising.length === 0) break;
    for (const track of rising) {
      if (await attempt(track, rate, log)) track.good = rate;
      else track.bad = rate;
    }
  }
  for (const track of tracks) {
    if (track.good === null || track.bad === null) continue;
    const mid = Math.round((track.good + track.bad) / 2);
    if (mid > track.good && mid < track.bad && (await attempt(track, mid, log))) track.good = mid;
  }
  for (const track of tracks) {
    if (track.good === null || !track.usable) continue;
    const rate = Math.max(1, Math.round(track.good / 2));
    track.half = await run(track, rate, log, "half");
    if (!track.half.ok && track.usable) track.half = await run(track, rate, log, "half", 2);
  }
  return tracks.map(toResult);
}

/** One step at `rate`; when it fails, try once more (the machine is shared and noisy). */
async function attempt(track: Track, rate: number, log: (line: string) => void): Promise<boolean> {
  if (!track.usable) return false;
  if ((await run(track, rate, log)).ok) return true;
  return track.usable && (await run(track, rate, log, undefined, 2)).ok;
}

/**
 * Measures one step. After a failed one, the backlog drains and dropped clients reconnect before
 * anything else runs, so that neither the next step nor the other target pays for it.
 */
async function run(track: Track, rate: number, log: (line: string) => void, label?: string, attemptNo = 1): Promise<StepResult> {
  const step = { ...(await track.session.measure(rate)), attempt: attemptNo, ...(label ? { label } : {}) };
  track.steps.push(step);
  log(`${track.session.target.name}: ${formatStepLine(step)}`);
  if (!step.ok && !(await track.session.recover())) {
    track.usable = false;
    log(`${track.session.target.name}: did not recover (backlog still draining or clients lost); no more steps`);
  }
  return step;
}

function toResult(track: Track): TargetResult {
  const { session } = track;
  const clients = session.clients;
  return {
    name: session.target.name,
    clients,
    connectMs: session.connectMs,
    rssBeforeMb: round(session.rssBeforeKb / 1024),
    rssWithClientsMb: round(session.rssWithClientsKb / 1024),
    rssPerConnectionKb: round((session.rssWithClientsKb - session.rssBeforeKb) / clients),
    steps: track.steps,
    saturationRate: track.good,
    saturationReached: track.bad !== null,
    peakDeliveries: Math.max(0, ...track.steps.map((s) => s.deliveries)),
    half: track.half,
    atSaturation: track.steps.find((s) => s.offered === track.bad && !s.label) ?? null,
  };
}

export function formatStepLine(s: StepResult): string {
  return (
    `${s.label ? `${s.label} ` : ""}${s.attempt > 1 ? "retry " : ""}offered ${s.offered}/s -> ${s.perClient}/s per client, ` +
    `${s.deliveries} deliveries/s, p50 ${s.p50} ms, p99 ${s.p99} ms; CPU server ${s.serverCpu}% bench ${s.benchCpu}% ` +
    `others ${s.otherCpu}% steal ${s.steal}%` +
    (s.ok ? "" : ` [failed: ${s.why}]`)
  );
}
