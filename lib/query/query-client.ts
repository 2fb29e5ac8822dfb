// makeQueryClient: React Query defaults for pushed data (long staleTime, no focus/reconnect refetch, one 5xx retry).
import { QueryClient } from "@tanstack/react-query";
import { isRetryableError } from "./fetchers";

/** Pushed data stays fresh: the realtime client patches it, and `resync` invalidates what it missed. */
export const DEFAULT_STALE_TIME_MS = 60_000;

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: DEFAULT_STALE_TIME_MS,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        // The realtime client resumes with `since` after a reconnect; refetching everything would
        // be the "invalidate everything on reconnect" storm the design rules out.
        refetchOnReconnect: false,
        retry: (failureCount, error) => failureCount < 1 && isRetryableError(error),
      },
      mutations: { retry: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/** One client per browser tab; a new one per call on the server (never share caches between requests). */
export function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
