// Rule "slowest-agent": per task type, the agent that is markedly slower than its peers.
//
// Looks at completed attempts that ended in the window (failed attempts are ignored). Per task type,
// agents with at least `minAttempts` (3) completed attempts qualify; with at least 2 qualifying
// agents, the one with the highest mean duration (ties: lowest agent_id) fires a performance insight
// when its mean >= 1.5 × the median of the other qualifying agents' means. At most one per task type;
// a zero peers' median never fires. The agent's name is the one on its latest attempt; mean_ms and
// peers_median_ms are rounded to whole milliseconds.
//
// Confidence: clamp(sampleCertainty(min(its attempts, peers' attempts)) × min(1, ratio / (2 × 1.5)),
// 0.3, 0.95), with sampleCertainty(k) = 1 - 1/sqrt(k + 1).
import { evidenceConfidence, thresholdStrength } from "./confidence";
import { fingerprint, type AnalysisHistory, type HistoryAttempt, type InsightDraft } from "./history";
import { mean, median } from "./numbers";
import { spanContains, wholeWindow } from "./periods";
import { countOf, formatDuration, spanInWords } from "./wording";

export const SLOWEST_AGENT_RULE = "slowest-agent";

export interface SlowestAgentOptions {
  /** Completed attempts of a task type an agent needs to be compared. */
  minAttempts: number;
  /** How many times the peers' median the slowest agent's mean must be. */
  minRatio: number;
}

export const SLOWEST_AGENT_DEFAULTS: SlowestAgentOptions = { minAttempts: 3, minRatio: 1.5 };

interface AgentSpeed {
  agent_id: string;
  agent_name: string;
  attempts: number;
  meanMs: number;
}

export function slowestAgent(history: AnalysisHistory, options: Partial<SlowestAgentOptions> = {}): InsightDraft[] {
  const { minAttempts, minRatio } = { ...SLOWEST_AGENT_DEFAULTS, ...options };
  const window = wholeWindow(history);
  const completed = history.attempts.filter((a) => a.outcome === "completed" && spanContains(window, a.ended_at));
  const drafts: InsightDraft[] = [];

  for (const [taskType, attempts] of [...groupBy(completed, (a) => a.task_type)].sort(([a], [b]) => a.localeCompare(b))) {
    const agents = [...groupBy(attempts, (a) => a.agent_id).values()]
      .filter((own) => own.length >= minAttempts)
      .map(agentSpeed)
      .sort((a, b) => b.meanMs - a.meanMs || a.agent_id.localeCompare(b.agent_id));
    const [slowest, ...peers] = agents;
    if (!slowest || peers.length === 0) continue;
    const peersMedian = median(peers.map((p) => p.meanMs));
    if (!(peersMedian > 0) || slowest.meanMs < minRatio * peersMedian) continue;

    const ratio = slowest.meanMs / peersMedian;
    const peerAttempts = peers.reduce((sum, p) => sum + p.attempts, 0);
    drafts.push({
      title: `${slowest.agent_name} is the slowest at ${taskType}`,
      description:
        `${slowest.agent_name} took ${formatDuration(slowest.meanMs)} on average over ${countOf(slowest.attempts, "completed attempt")} ` +
        `at ${taskType} in the last ${spanInWords(history.windowMs)}: ${ratio.toFixed(1)}× the ${formatDuration(peersMedian)} ` +
        `median of the mean durations of ${countOf(peers.length, "other agent")}.`,
      type: "performance",
      confidence: evidenceConfidence(Math.min(slowest.attempts, peerAttempts), thresholdStrength(ratio, minRatio)),
      metadata: {
        agent_id: slowest.agent_id,
        agent_name: slowest.agent_name,
        task_type: taskType,
        mean_ms: Math.round(slowest.meanMs),
        peers_median_ms: Math.round(peersMedian),
        attempts: slowest.attempts,
      },
      fingerprint: fingerprint(SLOWEST_AGENT_RULE, `${taskType}/${slowest.agent_id}`, "slower"),
    });
  }
  return drafts;
}

/** One agent's completed attempts (non-empty, same agent) summed up. */
function agentSpeed(own: HistoryAttempt[]): AgentSpeed {
  const latest = own.reduce((a, b) => (b.ended_at.getTime() > a.ended_at.getTime() ? b : a));
  return { agent_id: latest.agent_id, agent_name: latest.agent_name, attempts: own.length, meanMs: mean(own.map((a) => a.duration_ms)) };
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}
