// GET /api/system/interfaces: the host's network interfaces with bytes received and sent (the latest sample).
import type { InterfacesResponse } from "@/lib/api/system";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const body: InterfacesResponse = getRegistry().services.system.interfaces();
  return json(body);
});
