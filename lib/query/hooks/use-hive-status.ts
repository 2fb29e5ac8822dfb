"use client";
// useHiveStatus: GET /api/agents/hive, then kept current by `hive_status_update` pushes on the `system` topic.
import { useQuery, useQueryClient } from "@tanstack/react-query";

import type { HiveStatusResponse } from "@/lib/api/agents";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { apiFetch } from "../fetchers";
import { queryKeys } from "../keys";

/**
 * The agent hive at a glance (status, agent and task counts, load, alerts). Subscribes to `system`
 * (pushed every 10 s); a push that arrives while the request is in flight wins over its answer.
 */
export function useHiveStatus() {
  const qc = useQueryClient();
  useTopic(topics.system());
  return useQuery({
    queryKey: queryKeys.system.hive(),
    queryFn: async ({ signal }) => {
      const key = queryKeys.system.hive();
      const before = qc.getQueryState(key)?.dataUpdatedAt ?? 0;
      const fetched = await apiFetch<HiveStatusResponse>("/api/agents/hive", { signal });
      const now = qc.getQueryState<HiveStatusResponse>(key);
      return now?.data !== undefined && now.dataUpdatedAt > before ? now.data : fetched;
    },
  });
}
