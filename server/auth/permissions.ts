// The one place that says who may read which topic (PROTOCOL.md's table of topics and readers).
import { parseTopic, type ParsedTopic } from "@/lib/protocol/topics";
import type { Principal } from "./principal";

/**
 * True when `principal` may read `topic`. Anyone connected may read `announcements`; every other
 * topic needs a principal; `user:{id}` is for that user and admins; `admin` is for admins only.
 */
export function canRead(principal: Principal | null, topic: string): boolean {
  return canReadParsed(principal, parseTopic(topic));
}

/** canRead for a topic already parsed (the hub parses each event's topic once, not once per socket). */
export function canReadParsed(principal: Principal | null, parsed: ParsedTopic | null): boolean {
  if (!parsed) return false;
  if (parsed.family === "announcements") return true;
  if (!principal) return false;
  const admin = principal.kind === "user" && principal.role === "admin";
  switch (parsed.family) {
    case "admin":
      return admin;
    case "user":
      return admin || (principal.kind === "user" && parsed.param === principal.id);
    default:
      return true;
  }
}

/**
 * True when a subscription pattern can only yield topics the principal may not read, so it is refused
 * up front. `*` and `family:*` are never refused for a signed-in principal: they are filtered per
 * event (so `user:*` yields a user their own topic, and admins every user's).
 */
export function patternForbidden(principal: Principal | null, pattern: string): boolean {
  if (pattern === "*") return false;
  if (pattern.endsWith(":*")) return principal === null;
  return !canRead(principal, pattern);
}
