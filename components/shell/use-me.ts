"use client";
// useMe: the signed-in user (GET /api/me) through React Query, cached for the whole session.
// A 401 sends the browser to /login?next=<here> (apiFetch does it).
import { useQuery } from "@tanstack/react-query";

import type { SessionUser } from "@/lib/protocol/control";
import { apiFetch } from "@/lib/query/fetchers";
import { queryKeys } from "@/lib/query/keys";

export type Me = SessionUser;

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me(),
    queryFn: ({ signal }) => apiFetch<Me>("/api/me", { signal }),
    // The user changes only by signing in or out, and both replace the cache.
    staleTime: Infinity,
  });
}
