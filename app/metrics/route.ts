// GET /metrics: Prometheus text for admins (session) and monitoring (API key as Bearer).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../api/_lib/auth";
import { handle } from "../api/_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  if (principal.kind === "user" && principal.role !== "admin") {
    return new Response("only admins and API keys may read metrics\n", { status: 403 });
  }
  const { registry } = getRegistry().metrics;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
