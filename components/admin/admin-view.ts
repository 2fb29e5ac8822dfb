// The admin console's tabs and how the chosen one lives in the URL (`/admin?tab=topics`).

export const ADMIN_TABS = ["connections", "topics", "broadcast", "users", "keys", "audit"] as const;

export type AdminTab = (typeof ADMIN_TABS)[number];

export const DEFAULT_ADMIN_TAB: AdminTab = "connections";

export const ADMIN_TAB_LABELS: Record<AdminTab, string> = {
  connections: "Connections",
  topics: "Topics",
  broadcast: "Broadcast",
  users: "Users",
  keys: "API keys",
  audit: "Audit",
};

/** The tab named by `?tab=`, or the default one for a missing or unknown value. */
export function adminTabFromSearch(search: URLSearchParams): AdminTab {
  const v = search.get("tab");
  return v !== null && (ADMIN_TABS as readonly string[]).includes(v) ? (v as AdminTab) : DEFAULT_ADMIN_TAB;
}

/** The query string of a tab ("" for the default one), keeping the other parameters. */
export function adminTabToSearch(tab: AdminTab, current: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(current);
  if (tab === DEFAULT_ADMIN_TAB) params.delete("tab");
  else params.set("tab", tab);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
