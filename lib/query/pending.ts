// Per-QueryClient registry of optimistic items awaiting confirmation (keyed by client_mutation_id).
import type { QueryClient } from "@tanstack/react-query";
import type { AnyEntity } from "./entity-domains";

export interface PendingEntry {
  domain: string;
  /** The optimistic item as inserted (with `_pending: true` and `client_mutation_id`). */
  item: AnyEntity;
  timer: ReturnType<typeof setTimeout> | null;
}

const registries = new WeakMap<QueryClient, Map<string, PendingEntry>>();

export function pendingRegistry(qc: QueryClient): Map<string, PendingEntry> {
  let reg = registries.get(qc);
  if (!reg) {
    reg = new Map();
    registries.set(qc, reg);
  }
  return reg;
}

/** Forgets a pending entry and stops its auto-rollback timer; returns whether it was there. */
export function settlePending(qc: QueryClient, clientMutationId: string): PendingEntry | undefined {
  const reg = pendingRegistry(qc);
  const entry = reg.get(clientMutationId);
  if (!entry) return undefined;
  if (entry.timer !== null) clearTimeout(entry.timer);
  reg.delete(clientMutationId);
  return entry;
}

export function pendingOfDomain(qc: QueryClient, domain: string): PendingEntry[] {
  return [...pendingRegistry(qc).values()].filter((e) => e.domain === domain);
}
