"use client";
// useEntityAction: one optimistic action on an existing entity (pause, resume, remove, cancel...): the
// entity shows `_action` (and any patched fields) at once; the HTTP answer or the push confirms it;
// an error rolls it back with a toast that says why. Also the wording of a rejected create.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { isListData, pagesOf, withPages } from "../collections";
import { removeEntity } from "../entity-cache";
import { idOf, type AnyEntity, type EntityDomain } from "../entity-domains";
import { isApiError } from "../fetchers";
import { applyServerEntity, optimisticPatch, type OptimisticPatchHandle } from "../optimistic";

export interface EntityActionOptions<T extends object, A extends string> {
  domain: EntityDomain;
  action: A;
  /** Fields to show at once, besides `_action: action` (e.g. the status the action leads to). */
  patch?: (entity: T) => Record<string, unknown>;
  /** Sends the request; resolves with the server's entity, or null when the entity is gone (204). */
  send: (entity: T) => Promise<object | null>;
  /** The toast's title on failure, e.g. `Could not pause Analyst`. */
  failure: (entity: T) => string;
  /** What the user sees the entity on, for the 409 hint ("the card shows the current one"). */
  shownOn?: string;
}

interface ActionContext {
  handle: OptimisticPatchHandle | null;
}

export function useEntityAction<T extends object, A extends string>(opts: EntityActionOptions<T, A>) {
  const qc = useQueryClient();
  const { domain, action } = opts;
  return useMutation<object | null, unknown, T, ActionContext>({
    mutationKey: [domain.name, "action", action],
    mutationFn: (entity) => opts.send(entity),
    onMutate: async (entity) => {
      const id = idOf(domain, entity);
      if (id === undefined) return { handle: null };
      const handle = await optimisticPatch(qc, { domain: domain.name, id }, { ...opts.patch?.(entity), _action: action });
      return { handle };
    },
    onSuccess: (server, entity) => {
      const id = idOf(domain, entity);
      if (server === null) {
        if (id !== undefined) removeEntity(qc, domain, id);
      } else {
        applyServerEntity(qc, domain.name, server);
      }
    },
    onError: (error, entity, context) => {
      context?.handle?.rollback();
      const id = idOf(domain, entity);
      if (isApiError(error) && error.status === 404 && id !== undefined) removeEntity(qc, domain, id);
      else if (isApiError(error) && error.status === 409) void qc.invalidateQueries({ queryKey: [domain.name, "list"] });
      toast.error(opts.failure(entity), { description: actionFailureReason(error, opts.shownOn), richColors: false });
    },
    onSettled: (_data, _error, entity, context) => {
      const id = idOf(domain, entity);
      if (id !== undefined) clearEntityAction(qc, domain, id, action);
      context?.handle?.settle();
    },
  });
}

/** Why an action failed, in words. */
export function actionFailureReason(error: unknown, shownOn = "the page"): string {
  if (isApiError(error)) {
    const message = sentence(error.message);
    if (error.status === 409) return `${message} (its state changed; ${shownOn} shows the current one).`;
    if (error.status === 404) return "It no longer exists.";
    if (error.status === 403) return "You are not allowed to do this.";
    return `${message}.`;
  }
  return "The server could not be reached.";
}

/**
 * What to tell the user when creating `subject` failed, e.g. `Agent “Scout” was not added: name is
 * required`. Validation issues are named by field.
 */
export function rejectionMessage(subject: string, verb: string, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 400 || error.status === 422) {
      const issues = error.issues.slice(0, 3).map((i) => [i.path, lower(i.message)].filter(Boolean).join(" "));
      return `${subject} was not ${verb}: ${issues.length > 0 ? issues.join("; ") : lower(error.message)}`;
    }
    if (error.status === 401) return `${subject} was not ${verb}: your session has ended, sign in again`;
    if (error.status === 403) return `${subject} was not ${verb}: you are not allowed to do this`;
    if (error.status === 429) return `${subject} was not ${verb}: too many requests, try again shortly`;
    if (error.status >= 500) return `${subject} was not ${verb}: the server failed (${lower(error.message)})`;
    return `${subject} was not ${verb}: ${lower(error.message)}`;
  }
  return `${subject} was not ${verb}: the server could not be reached`;
}

/** Removes the `_action` marker from every copy of the entity (detail and lists). */
export function clearEntityAction(qc: QueryClient, domain: EntityDomain, id: string, action: string): void {
  const strip = (e: AnyEntity): AnyEntity => {
    if (e._action !== action) return e;
    const next = { ...e };
    delete next._action;
    return next;
  };
  qc.setQueryData([domain.name, "detail", id], (old: unknown) => (typeof old === "object" && old !== null ? strip(old as AnyEntity) : old));
  for (const query of qc.getQueryCache().findAll({ queryKey: [domain.name, "list"] })) {
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      const pages = pagesOf(old).map((items) =>
        items.some((i) => i._pending !== true && idOf(domain, i) === id && i._action === action)
          ? items.map((i) => (i._pending !== true && idOf(domain, i) === id ? strip(i) : i))
          : items,
      );
      return withPages(old, pages);
    });
  }
}

/** "Is required." -> "is required" (to follow a colon or a field name). */
function lower(message: string): string {
  const m = message.trim().replace(/\.$/, "");
  if (m.length === 0) return "unknown error";
  return /^[A-Z][a-z]/.test(m) ? m[0]!.toLowerCase() + m.slice(1) : m;
}

/** "agent is not paused." -> "Agent is not paused" (it starts the toast's description). */
function sentence(message: string): string {
  const m = message.trim().replace(/\.$/, "");
  return m.length === 0 ? "Unknown error" : m[0]!.toUpperCase() + m.slice(1);
}
