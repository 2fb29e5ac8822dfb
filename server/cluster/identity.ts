// Who this process is in a cluster: its instance id, and how long an instance may go without a
// heartbeat before the others count it dead (its work is taken up again, its leases lapse).
import { newId } from "../ids";

export interface ClusterIdentity {
  readonly instanceId: string;
  /** An instance whose heartbeat is older than this is gone; leases last this long unrenewed. */
  readonly leaseMs: number;
}

export const DEFAULT_LEASE_MS = 10_000;

export function newIdentity(leaseMs = DEFAULT_LEASE_MS): ClusterIdentity {
  return { instanceId: newId("inst"), leaseMs };
}
