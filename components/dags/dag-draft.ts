// The DAG editor's draft (name, id, description, steps as JSON text) checked with the routes' own
// schemas: the body to send, or every problem with its path and where it sits in the JSON text.
import { createDagBody, updateDagBody, type CreateDagBody } from "@/lib/api/dags";
import type { Dag } from "@/lib/protocol/entities/dags";
import type { ApiIssue } from "@/lib/query/fetchers";
import { DAG_TEMPLATE_STEPS, formatIssuePath, formatSteps } from "./dag-format";
import { locate, parseJsonWithLocations, type JsonSpan } from "./json-locate";

export interface DagDraft {
  /** Only when creating; empty: the server makes it from the name. */
  dagId: string;
  name: string;
  description: string;
  /** The steps as JSON text. */
  steps: string;
}

export type DraftField = "dag_id" | "name" | "description" | "steps" | "form";

export interface DraftIssue {
  field: DraftField;
  /** As people read it: `steps[1].depends_on[0]`, `name`, or `JSON, line 3 column 5`. */
  label: string;
  message: string;
  /** The step the issue is about (its step_id), when the path names one. */
  stepId?: string;
  /** Where it is in the steps text (to select it). */
  span?: JsonSpan;
}

export type DraftCheck = { ok: true; body: CreateDagBody; issues: [] } | { ok: false; issues: DraftIssue[] };

export function emptyDraft(): DagDraft {
  return { dagId: "", name: "", description: "", steps: formatSteps(DAG_TEMPLATE_STEPS) };
}

export function draftOf(dag: Pick<Dag, "dag_id" | "name" | "description" | "steps">): DagDraft {
  return { dagId: dag.dag_id, name: dag.name, description: dag.description ?? "", steps: formatSteps(dag.steps) };
}

/** Checks a draft with createDagBody (or updateDagBody when editing, where the id is fixed). */
export function checkDraft(draft: DagDraft, mode: "create" | "edit"): DraftCheck {
  const parsedJson = parseJsonWithLocations(draft.steps);
  const issues: DraftIssue[] = [];
  if (!parsedJson.ok) {
    issues.push({
      field: "steps",
      label: `JSON, line ${parsedJson.line} column ${parsedJson.column}`,
      message: parsedJson.message,
      span: { start: parsedJson.offset, end: Math.min(draft.steps.length, parsedJson.offset + 1) },
    });
  }
  const input = {
    ...(mode === "create" && draft.dagId.trim() ? { dag_id: draft.dagId.trim() } : {}),
    name: draft.name,
    description: draft.description.trim() || null,
    // With broken JSON, still check the other fields (a valid placeholder keeps steps quiet).
    steps: parsedJson.ok ? parsedJson.value : DAG_TEMPLATE_STEPS,
  };
  const result = mode === "create" ? createDagBody.safeParse(input) : updateDagBody.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) issues.push(toDraftIssue(issue, draft.steps, parsedJson.ok ? parsedJson : null));
  }
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  return { ok: true, body: result.data as CreateDagBody, issues: [] };
}

/** The server's 400 issues (paths like `steps.2.params.ms`) in the editor's terms, located in `steps`. */
export function serverIssues(issues: readonly ApiIssue[], stepsText: string): DraftIssue[] {
  const parsed = parseJsonWithLocations(stepsText);
  return issues.map((i) => {
    const path = i.path === "" ? [] : i.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return toDraftIssue({ path, message: i.message }, stepsText, parsed.ok ? parsed : null);
  });
}

/** The issues of one field. */
export function issuesOf(issues: readonly DraftIssue[], field: DraftField): DraftIssue[] {
  return issues.filter((i) => i.field === field);
}

function toDraftIssue(
  issue: { path: ReadonlyArray<PropertyKey>; message: string },
  stepsText: string,
  parsed: { value: unknown; spans: Map<string, JsonSpan> } | null,
): DraftIssue {
  const path = normalisePath(issue.path, parsed ? { steps: parsed.value } : null);
  const head = path[0];
  const message = issue.message;
  if (head === "steps") {
    const rest = path.slice(1);
    const index = typeof rest[0] === "number" ? rest[0] : null;
    const step = index !== null && parsed && Array.isArray(parsed.value) ? (parsed.value[index] as { step_id?: unknown } | undefined) : undefined;
    return {
      field: "steps",
      label: formatIssuePath(path),
      message,
      stepId: typeof step?.step_id === "string" && step.step_id ? step.step_id : undefined,
      span: parsed ? (locate(parsed.spans, rest) ?? undefined) : stepsText ? { start: 0, end: 0 } : undefined,
    };
  }
  if (head === "name" || head === "description" || head === "dag_id") return { field: head, label: head, message };
  return { field: "form", label: formatIssuePath(path), message };
}

/**
 * Issue paths with array indexes as numbers: the routes' schemas report them as strings
 * (`["steps", "1", "depends_on", "0"]`); where the value is known, a segment is an index exactly
 * when its container is an array.
 */
function normalisePath(path: ReadonlyArray<PropertyKey>, root: unknown): Array<string | number> {
  const out: Array<string | number> = [];
  let node: unknown = root;
  for (const p of path) {
    const key = typeof p === "number" ? p : String(p);
    const index = typeof key === "number" ? key : /^\d+$/.test(key) ? Number(key) : null;
    if (node !== null && node !== undefined && typeof node === "object") {
      const segment = Array.isArray(node) && index !== null ? index : String(key);
      out.push(segment);
      node = (node as Record<string | number, unknown>)[segment];
    } else {
      // Past the known value (or none): digits are indexes.
      out.push(index ?? key);
      node = undefined;
    }
  }
  return out;
}
