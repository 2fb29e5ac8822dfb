// GET, PUT (any of the rule's fields) and DELETE /api/alerts/rules/{rule_id}.
import { updateAlertRuleBody } from "@/lib/api/alerts";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json, readJson } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ rule_id: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.alerts.getRule((await ctx.params).rule_id));
});

export const PUT = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  const body = updateAlertRuleBody.parse(await readJson(req));
  return json(await getRegistry().services.alerts.updateRule((await ctx.params).rule_id, body));
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  await getRegistry().services.alerts.deleteRule((await ctx.params).rule_id);
  return json(null, 204);
});
