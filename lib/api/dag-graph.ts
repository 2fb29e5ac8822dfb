// DAG graph rules shared by the runner and the pages: topological order, descendants, the steps
// ready to run, and a finished run's outcome.
export interface StepNode {
  step_id: string;
  depends_on: readonly string[];
}

export interface StepState {
  step_id: string;
  status: "pending" | "running" | "success" | "failed" | "skipped" | "upstream_failed";
  /** When a step waiting for its retry may run again (null: at once). */
  next_attempt_at?: Date | string | null;
}

/** Steps in an order where every step comes after its dependencies (definition order among equals). */
export function topologicalOrder<S extends StepNode>(steps: readonly S[]): S[] {
  const byId = new Map(steps.map((s) => [s.step_id, s]));
  const placed = new Set<string>();
  const out: S[] = [];
  const visit = (step: S, trail: Set<string>) => {
    if (placed.has(step.step_id) || trail.has(step.step_id)) return;
    trail.add(step.step_id);
    for (const dep of step.depends_on) {
      const d = byId.get(dep);
      if (d) visit(d, trail);
    }
    trail.delete(step.step_id);
    placed.add(step.step_id);
    out.push(step);
  };
  for (const step of steps) visit(step, new Set());
  return out;
}

/** Every step that depends, directly or not, on `stepId`. */
export function descendantsOf(steps: readonly StepNode[], stepId: string): string[] {
  const children = new Map<string, string[]>();
  for (const s of steps) for (const d of s.depends_on) children.set(d, [...(children.get(d) ?? []), s.step_id]);
  const seen = new Set<string>();
  const stack = [...(children.get(stepId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return steps.map((s) => s.step_id).filter((id) => seen.has(id));
}

/** Pending steps whose dependencies all succeeded and whose retry (if any) is due, in topological order. */
export function readySteps(steps: readonly StepNode[], states: readonly StepState[], now: Date): string[] {
  const status = new Map(states.map((s) => [s.step_id, s]));
  return topologicalOrder(steps)
    .filter((step) => {
      const state = status.get(step.step_id);
      if (state?.status !== "pending") return false;
      const due = state.next_attempt_at ? new Date(state.next_attempt_at).getTime() <= now.getTime() : true;
      return due && step.depends_on.every((d) => status.get(d)?.status === "success");
    })
    .map((s) => s.step_id);
}

/** The run's outcome once no step is pending or running: failed if any step failed, else success; null while unfinished. */
export function runOutcome(states: readonly StepState[]): "success" | "failed" | null {
  if (states.some((s) => s.status === "pending" || s.status === "running")) return null;
  return states.some((s) => s.status === "failed" || s.status === "upstream_failed") ? "failed" : "success";
}
