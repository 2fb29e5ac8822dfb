// The knowledge page's state in its URL: `?q=` (search), `?tag=`, `?type=` and `?item=` (the open item).
export interface KnowledgeUrlState {
  q: string;
  tag: string;
  type: string;
  /** The item shown in the side panel, or null. */
  item: string | null;
}

export function knowledgeStateFromSearch(search: URLSearchParams): KnowledgeUrlState {
  return {
    q: (search.get("q") ?? "").slice(0, 200),
    tag: (search.get("tag") ?? "").trim().toLowerCase(),
    type: (search.get("type") ?? "").trim(),
    item: search.get("item") || null,
  };
}

/** The query string of a state ("" when empty), in a stable order. */
export function knowledgeStateToSearch(state: KnowledgeUrlState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  if (state.tag) params.set("tag", state.tag);
  if (state.type) params.set("type", state.type);
  if (state.item) params.set("item", state.item);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
