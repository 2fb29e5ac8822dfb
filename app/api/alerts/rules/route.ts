// GET /api/alerts/rules: every temporal alert rule, oldest first. POST: a new rule (201), owned by the caller.
import { createAlertRuleBody } from "@/lib/api/alerts";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json({ items: await getRegistry().services.alerts.listRules(), next_cursor: null });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  const body = createAlertRuleBody.parse(await readJson(req));
  const { rule_id, ...fields } = body;
  const rule = await getRegistry().services.alerts.createRule({ ...fields, ruleId: rule_id, ownerId: principal.kind === "user" ? principal.id : null });
  return json(rule, 201);
});
