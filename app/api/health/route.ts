// GET /api/health: storage, bus and hub figures; 503 when storage or the bus is down. Any signed-in
// user or API key may read it.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const registry = getRegistry();
  let storage: { ok: boolean; driver: string; latency_ms: number | null; error?: string };
  try {
    storage = { ok: true, driver: registry.database.driver, latency_ms: Math.round((await registry.database.ping()) * 100) / 100 };
  } catch {
    storage = { ok: false, driver: registry.database.driver, latency_ms: null, error: "storage is unreachable" };
  }
  const busStats = registry.bus.stats();
  const bus = { ok: busStats.connected, ...busStats };
  const hub = registry.hub.figures();
  const ok = storage.ok && bus.ok;
  return json(
    {
      status: ok ? "ok" : "degraded",
      uptime_s: Math.round((Date.now() - registry.startedAt.getTime()) / 1000),
      storage,
      bus,
      hub: { connections: hub.connections, authenticated: hub.authenticated, subscriptions: hub.subscriptions, events_fanned_out: hub.events_fanned_out, messages_sent: hub.messages_sent },
    },
    ok ? 200 : 503,
  );
});
