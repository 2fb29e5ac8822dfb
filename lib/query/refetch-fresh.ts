// refetchFresh: fetches a query again with a request issued from now on, so that what it returns
// postdates an event the caller knows of (e.g. a subscription the server just confirmed).
import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Refetches the active queries under `queryKey` with a request issued after this call. A fetch in
 * flight is let finish first: `invalidateQueries` joins an initial fetch (no data yet) instead of
 * replacing it, and that fetch may have been issued too early.
 */
export async function refetchFresh(qc: QueryClient, queryKey: QueryKey): Promise<void> {
  if (qc.isFetching({ queryKey }) > 0) await qc.refetchQueries({ queryKey }, { cancelRefetch: false });
  await qc.invalidateQueries({ queryKey });
}
