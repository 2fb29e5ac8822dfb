// The alert evaluator: watches every bus event against the enabled temporal alert rules (indexed by
// topic family, fields and operators compiled once), keeps a window per rule and topic, fires and
// clears through the alerts service, and sweeps every few seconds (silent topics, `temporal_job_status`).
import type { AlertRuleEntity } from "@/lib/protocol/entities/alerts";
import { parsePattern, patternMatches, type TopicPattern } from "@/lib/protocol/topics";
import type { Bus, BusEvent } from "../../bus/bus";
import type { Logger } from "../../log";
import type { AlertsService } from "../../services/alerts";
import { comparator, fieldReader, type Comparator, type FieldReader } from "./operators";
import { newWindow, observe, silenceFor, sweepWindow, type WindowAction, type WindowState } from "./window";

export const SWEEP_JOB = "alert-sweep";
const RULE_EVENTS = new Set(["alert_rule_created", "alert_rule_updated", "alert_rule_deleted"]);
/** Families whose items name their topic parameter by `ticker` (a batch may carry several tickers). */
const TICKER_FAMILIES = new Set(["market", "news"]);
const ALL = "*";

export interface AlertEvaluatorDeps {
  alerts: Pick<AlertsService, "listRules" | "fire" | "clear" | "clearAllOpen" | "reportSweep">;
  bus: Pick<Bus, "subscribe">;
  log: Logger;
  /** Sweep interval (ms); default 5000. */
  sweepMs?: number;
  /** Clock (ms), injected by tests. */
  now?: () => number;
}

interface TopicWindow extends WindowState {
  topic: string;
  firingId: string | null;
  /** Fire and clear of this window, in order. */
  chain: Promise<void>;
}

interface CompiledRule {
  rule: AlertRuleEntity;
  pattern: TopicPattern;
  read: FieldReader;
  test: Comparator;
  windowMs: number;
  windows: Map<string, TopicWindow>;
}

export interface AlertEvaluator {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Evaluates one event (the bus listener; tests call it directly). */
  observe(event: BusEvent): void;
  /** Applies a rule as stored now (null: deleted). */
  setRule(rule: AlertRuleEntity | null, ruleId?: string): void;
  /** One sweep now. */
  sweep(): Promise<void>;
  /** Resolves when every fire and clear started so far is done. */
  idle(): Promise<void>;
  stats(): { rules_watched: number; open_windows: number };
}

export function createAlertEvaluator(deps: AlertEvaluatorDeps): AlertEvaluator {
  const { alerts, bus, log } = deps;
  const now = deps.now ?? Date.now;
  const sweepMs = deps.sweepMs ?? 5_000;
  const rules = new Map<string, CompiledRule>();
  /** The newest version seen per rule (Infinity: deleted), so an older copy never comes back. */
  const versions = new Map<string, number>();
  /** Rules by the family their pattern covers (`*` for rules on every topic). */
  const index = new Map<string, CompiledRule[]>();
  let touched = 0;
  let unsubscribe: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  /** Fires and clears in flight (windows may be gone meanwhile). */
  const pending = new Set<Promise<void>>();

  function reindex() {
    index.clear();
    for (const c of rules.values()) {
      const key = c.pattern.kind === "all" ? ALL : c.pattern.kind === "prefix" ? c.pattern.family : familyOf(c.pattern.topic);
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    }
  }

  function act(c: CompiledRule, w: TopicWindow, action: WindowAction, at: number) {
    if (action === "fire") {
      const payload = {
        topic: w.topic,
        field: c.rule.field,
        op: c.rule.op,
        threshold: c.rule.threshold,
        value: w.value,
        since: new Date(w.since ?? at).toISOString(),
        rule_name: c.rule.name,
      };
      w.chain = w.chain
        .then(async () => {
          w.firingId = await alerts.fire(c.rule, payload, new Date(at));
        })
        .catch((err: unknown) => log.error({ err, rule_id: c.rule.rule_id }, "could not fire an alert"));
    } else if (action === "clear") {
      w.chain = w.chain
        .then(async () => {
          const id = w.firingId;
          w.firingId = null;
          if (id) await alerts.clear(id, new Date(at));
        })
        .catch((err: unknown) => log.error({ err, rule_id: c.rule.rule_id }, "could not clear an alert"));
    } else {
      return;
    }
    const chain = w.chain;
    pending.add(chain);
    void chain.finally(() => pending.delete(chain));
  }

  function evaluate(c: CompiledRule, topic: string, item: unknown, at: number) {
    const value = c.read(item);
    if (value === undefined) return;
    let w = c.windows.get(topic);
    if (!w) {
      w = { ...newWindow(at), topic, firingId: null, chain: Promise.resolve() };
      c.windows.set(topic, w);
    }
    const action = observe(w, c.test(value), value, at, c.windowMs);
    if (action) act(c, w, action, at);
  }

  function observeEvent(event: BusEvent) {
    if (event.topic === "alerts" && RULE_EVENTS.has(event.type)) {
      const data = event.data as AlertRuleEntity & { rule_id: string };
      setRule(event.type === "alert_rule_deleted" ? null : data, data.rule_id);
      return;
    }
    const family = familyOf(event.topic);
    const byFamily = index.get(family);
    const forAll = index.get(ALL);
    if (!byFamily && !forAll) return;
    const at = now();
    let matched = false;
    for (const list of [byFamily, forAll]) {
      if (!list) continue;
      for (const c of list) {
        if (Array.isArray(event.data)) {
          for (const item of event.data) {
            const topic = itemTopic(family, event.topic, item);
            if (!patternMatches(c.pattern, topic)) continue;
            matched = true;
            evaluate(c, topic, item, at);
          }
        } else {
          const topic = itemTopic(family, event.topic, event.data);
          if (!patternMatches(c.pattern, topic)) continue;
          matched = true;
          evaluate(c, topic, event.data, at);
        }
      }
    }
    if (matched) touched += 1;
  }

  function setRule(rule: AlertRuleEntity | null, ruleId = rule?.rule_id) {
    if (!ruleId) return;
    const known = versions.get(ruleId);
    if (known !== undefined && (rule ? known >= rule.version : known === Infinity)) return;
    versions.set(ruleId, rule ? rule.version : Infinity);
    const held = rules.get(ruleId);
    if (held) {
      // The rule changed or went: its open firings end now.
      const at = now();
      for (const w of held.windows.values()) if (w.fired) act(held, w, "clear", at);
      rules.delete(ruleId);
    }
    if (rule && rule.enabled) {
      const pattern = parsePattern(rule.topic);
      if (pattern) {
        rules.set(ruleId, { rule, pattern, read: fieldReader(rule.field), test: comparator(rule.op, rule.threshold), windowMs: rule.window_s * 1000, windows: new Map() });
      }
    }
    reindex();
  }

  async function sweep(): Promise<void> {
    sweeping ??= (async () => {
      const at = now();
      let open = 0;
      for (const c of rules.values()) {
        for (const [topic, w] of c.windows) {
          const action = sweepWindow(w, at, c.windowMs, silenceFor(c.windowMs));
          if (action === "drop") c.windows.delete(topic);
          else if (action) act(c, w, action, at);
          if (action === "clear") c.windows.delete(topic); // silent: its window ends
          else if (action !== "drop") open += 1;
        }
      }
      const touchedEvents = touched;
      touched = 0;
      await alerts.reportSweep({ job: SWEEP_JOB, touched_events: touchedEvents, days_back: 0 }, { rules_watched: rules.size, open_windows: open });
    })().finally(() => {
      sweeping = null;
    });
    return sweeping;
  }

  async function allChains(): Promise<void> {
    while (pending.size > 0) await Promise.all([...pending]);
  }

  return {
    async start() {
      const cleared = await alerts.clearAllOpen();
      if (cleared > 0) log.info({ cleared }, "cleared alerts left open by a stopped process");
      unsubscribe = bus.subscribe((event) => {
        try {
          observeEvent(event);
        } catch (err) {
          log.error({ err, type: event.type }, "alert evaluation failed");
        }
      });
      for (const rule of await alerts.listRules()) setRule(rule);
      timer = setInterval(() => void sweep().catch((err: unknown) => log.error({ err }, "alert sweep failed")), sweepMs);
      timer.unref();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping?.catch(() => {});
      await allChains();
    },
    observe: observeEvent,
    setRule,
    sweep,
    idle: allChains,
    stats() {
      let open = 0;
      for (const c of rules.values()) open += c.windows.size;
      return { rules_watched: rules.size, open_windows: open };
    },
  };
}

function familyOf(topic: string): string {
  const colon = topic.indexOf(":");
  return colon === -1 ? topic : topic.slice(0, colon);
}

/** The topic an item speaks for: a quote's own ticker in a market batch, else the event's topic. */
function itemTopic(family: string, topic: string, item: unknown): string {
  if (TICKER_FAMILIES.has(family) && typeof item === "object" && item !== null) {
    const ticker = (item as { ticker?: unknown }).ticker;
    if (typeof ticker === "string") return `${family}:${ticker}`;
  }
  return topic;
}
