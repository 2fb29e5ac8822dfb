// Words for the admin console: audit actions, user agents, close reasons, broadcast targets, counts.
import type { AuditAction, AuditEntry } from "@/lib/protocol/entities/admin";
import type { BroadcastTarget } from "@/lib/api/admin";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  connection_disconnected: "Disconnected a socket",
  user_disconnected: "Disconnected a user",
  broadcast_sent: "Sent a broadcast",
  user_created: "Created a user",
  user_role_changed: "Changed a role",
  user_disabled: "Disabled a user",
  user_enabled: "Enabled a user",
  api_key_created: "Created an API key",
  api_key_revoked: "Revoked an API key",
};

/** "Disabled a user" for a known action, the raw action otherwise (a newer server). */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action.replace(/_/g, " ");
}

/** The entry's target in words: its label, else its type and id. */
export function auditTarget(entry: Pick<AuditEntry, "target_type" | "target_id" | "target_label">): string {
  if (entry.target_label) return entry.target_label;
  if (entry.target_id) return `${entry.target_type.replace("_", " ")} ${entry.target_id}`;
  return entry.target_type === "broadcast" ? "everyone" : entry.target_type.replace("_", " ");
}

/** The entry's details as short `key: value` pairs (strings unquoted, objects as JSON), at most `max`. */
export function auditDetails(details: Record<string, unknown>, max = 4): string {
  return Object.entries(details)
    .slice(0, max)
    .map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** A short name of a user agent: "Chrome 131 on Linux", "curl/8.5", or the start of it. */
export function shortUserAgent(ua: string | null): string {
  if (!ua) return "–";
  const os = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, "Edge"],
    [/HeadlessChrome\/(\d+)/, "Headless Chrome"],
    [/Chrome\/(\d+)/, "Chrome"],
    [/Firefox\/(\d+)/, "Firefox"],
    [/Version\/(\d+)[^ ]* Safari/, "Safari"],
  ];
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) return os ? `${name} ${m[1]} on ${os}` : `${name} ${m[1]}`;
  }
  const first = ua.split(/\s+/)[0] ?? ua;
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}

/** "everyone", "user ada@example.com", "every admin". */
export function targetLabel(target: BroadcastTarget, emailOf: (id: string) => string | undefined = () => undefined): string {
  switch (target.kind) {
    case "everyone":
      return "everyone";
    case "user":
      return emailOf(target.user_id) ?? `user ${target.user_id}`;
    case "role":
      return target.role === "admin" ? "every admin" : "every user with the user role";
  }
}

/** "1 socket", "3 sockets". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
