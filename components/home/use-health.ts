"use client";
// useHealth: GET /api/health through React Query. Health is a snapshot on request (no polling): the
// page refreshes it on demand.
import { useQuery } from "@tanstack/react-query";

import { apiFetch, isApiError } from "@/lib/query/fetchers";
import type { Health } from "./health-types";

import { queryKeys } from "@/lib/query/keys";

export const HEALTH_QUERY_KEY = queryKeys.health();

export function useHealth() {
  return useQuery({
    queryKey: HEALTH_QUERY_KEY,
    queryFn: ({ signal }) => fetchHealth(signal),
  });
}

/** GET /api/health; a 503 that still carries a health report (status "degraded") is a report, not a failure. */
async function fetchHealth(signal: AbortSignal): Promise<Health> {
  try {
    return await apiFetch<Health>("/api/health", { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 503 && isHealth(error.body)) return error.body;
    throw error;
  }
}

function isHealth(body: unknown): body is Health {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  return typeof b.status === "string" && !!b.storage && !!b.bus && !!b.hub;
}
