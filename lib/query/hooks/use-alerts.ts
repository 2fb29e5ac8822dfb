"use client";
// Alert data hooks: the rules (optimistic create, edit, enable/disable and delete, confirmed by the
// answer and the pushed alert_rule_* events), the fired alerts (live) and the evaluator's last sweep.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { AlertFiring, AlertFiringsPage, AlertRulesPage, AlertSweep, CreateAlertRuleBody, UpdateAlertRuleBody } from "@/lib/api/alerts";
import type { AlertRuleEntity } from "@/lib/protocol/entities/alerts";
import { apiFetch } from "../fetchers";
import { queryKeys } from "../keys";
import { removeRule, upsertRule, type AlertRuleRow } from "../patchers/alerts";
import { rejectionMessage } from "./use-entity-action";
import { newClientMutationId } from "./use-jobs";

export type { AlertRuleRow } from "../patchers/alerts";

const rulePath = (ruleId: string) => `/api/alerts/rules/${encodeURIComponent(ruleId)}`;

/** Every rule, oldest first. Subscribe to `alerts` beside it. */
export function useAlertRules() {
  return useQuery<AlertRuleRow[]>({
    queryKey: queryKeys.alerts.rules(),
    queryFn: async ({ signal }) => (await apiFetch<AlertRulesPage>("/api/alerts/rules", { signal })).items,
  });
}

/** The latest fired alerts, newest first (pushed firings enter at the top, clearings mark them). */
export function useFiredAlerts(limit = 50) {
  return useQuery<AlertFiring[]>({
    queryKey: queryKeys.alerts.fired(),
    queryFn: async ({ signal }) => (await apiFetch<AlertFiringsPage>("/api/alerts", { query: { limit }, signal })).items,
  });
}

/** The evaluator's last sweep (pushed `temporal_job_status` replaces it). */
export function useAlertSweep() {
  return useQuery<AlertSweep>({
    queryKey: queryKeys.alerts.jobStatus(),
    queryFn: ({ signal }) => apiFetch<AlertSweep>("/api/alerts/sweep", { signal }),
  });
}

async function holdRules(qc: QueryClient): Promise<AlertRuleRow[] | undefined> {
  await qc.cancelQueries({ queryKey: queryKeys.alerts.rules() });
  return qc.getQueryData<AlertRuleRow[]>(queryKeys.alerts.rules());
}

function setRow(qc: QueryClient, ruleId: string, update: (r: AlertRuleRow) => AlertRuleRow): void {
  qc.setQueryData<AlertRuleRow[]>(queryKeys.alerts.rules(), (rules) => rules?.map((r) => (r.rule_id === ruleId ? update(r) : r)));
}

/** Input of the rule dialog (the schema's input: severity and enabled may be left out). */
export type AlertRuleInput = Omit<CreateAlertRuleBody, "rule_id">;

/**
 * Creates a rule: it shows at once (pending, with the id the client proposes), and the 201 or the
 * pushed `alert_rule_created` replaces it. On failure it goes away; the error (an ApiError with
 * field `issues`) is for the dialog to show.
 */
export function useCreateAlertRule() {
  const qc = useQueryClient();
  return useMutation<AlertRuleEntity, unknown, AlertRuleInput, { ruleId: string }>({
    mutationKey: ["alerts", "rules", "create"],
    mutationFn: (body) => apiFetch<AlertRuleEntity>("/api/alerts/rules", { method: "POST", json: { ...body, rule_id: pendingIdOf(body) } }),
    onMutate: async (body) => {
      await holdRules(qc);
      const ruleId = pendingIdOf(body);
      const at = new Date().toISOString();
      const pending: AlertRuleRow = {
        rule_id: ruleId,
        name: body.name.trim(),
        topic: body.topic.trim(),
        field: body.field.trim(),
        op: body.op,
        threshold: body.threshold,
        window_s: body.window_s,
        severity: body.severity ?? "warning",
        enabled: body.enabled ?? true,
        owner_id: null,
        created_at: at,
        updated_at: at,
        version: 0,
        _pending: "create",
      };
      qc.setQueryData<AlertRuleRow[]>(queryKeys.alerts.rules(), (rules) => (rules ? [...rules.filter((r) => r.rule_id !== ruleId), pending] : rules));
      return { ruleId };
    },
    onSuccess: (rule) => upsertRule(qc, rule),
    onError: (_error, _body, context) => {
      if (!context) return;
      qc.setQueryData<AlertRuleRow[]>(queryKeys.alerts.rules(), (rules) => rules?.filter((r) => !(r.rule_id === context.ruleId && r._pending === "create")));
    },
  });
}

/** The id a new rule gets: made once per input object, so retries keep it. */
const proposedIds = new WeakMap<object, string>();
function pendingIdOf(body: object): string {
  let id = proposedIds.get(body);
  if (!id) {
    id = `rule_${newClientMutationId().replace(/-/g, "").slice(0, 20)}`;
    proposedIds.set(body, id);
  }
  return id;
}

export interface UpdateAlertRuleVariables {
  rule: AlertRuleRow;
  body: UpdateAlertRuleBody;
}

/** Edits a rule (the dialog, or the enable toggle): the new values show at once, pending until confirmed; rolled back with a toast on failure. */
export function useUpdateAlertRule() {
  const qc = useQueryClient();
  return useMutation<AlertRuleEntity, unknown, UpdateAlertRuleVariables, { previous?: AlertRuleRow }>({
    mutationKey: ["alerts", "rules", "update"],
    mutationFn: ({ rule, body }) => apiFetch<AlertRuleEntity>(rulePath(rule.rule_id), { method: "PUT", json: body }),
    onMutate: async ({ rule, body }) => {
      const previous = (await holdRules(qc))?.find((r) => r.rule_id === rule.rule_id);
      setRow(qc, rule.rule_id, (r) => ({ ...r, ...(body as Partial<AlertRuleEntity>), _pending: "update" }));
      return { previous };
    },
    onSuccess: (saved) => {
      setRow(qc, saved.rule_id, (r) => (r.version > saved.version ? { ...r, _pending: undefined } : saved));
    },
    onError: (error, { rule }, context) => {
      if (context?.previous) {
        const previous = context.previous;
        setRow(qc, rule.rule_id, (r) => (r.version > previous.version ? { ...r, _pending: undefined } : previous));
      }
      toast.error(rejectionMessage(`“${rule.name}”`, "saved", error));
    },
  });
}

/** Deletes a rule: it shows as being deleted at once and goes on the answer or the push; restored with a toast if the server refuses. */
export function useDeleteAlertRule() {
  const qc = useQueryClient();
  return useMutation<void, unknown, AlertRuleRow>({
    mutationKey: ["alerts", "rules", "delete"],
    mutationFn: (rule) => apiFetch<void>(rulePath(rule.rule_id), { method: "DELETE" }),
    onMutate: async (rule) => {
      await holdRules(qc);
      setRow(qc, rule.rule_id, (r) => ({ ...r, _pending: "delete" }));
    },
    onSuccess: (_void, rule) => removeRule(qc, rule.rule_id),
    onError: (error, rule) => {
      setRow(qc, rule.rule_id, (r) => ({ ...r, _pending: undefined }));
      toast.error(rejectionMessage(`“${rule.name}”`, "deleted", error));
    },
  });
}
