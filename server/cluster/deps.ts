// What a service needs to know of the cluster: which instance it runs on (to mark the work it takes)
// and the signals it sends to the engines of every instance.
import { newIdentity, type ClusterIdentity } from "./identity";
import { localSignals, type Signals } from "./signals";

export interface ClusterDeps {
  identity: ClusterIdentity;
  signals: Signals;
}

/** A single instance of its own: the default for a service built alone (tests). */
export function localCluster(): ClusterDeps {
  return { identity: newIdentity(), signals: localSignals() };
}
