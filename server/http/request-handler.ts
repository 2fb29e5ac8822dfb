// The custom server's HTTP entry: security headers, event ingest (served here, off Next's router),
// the sign-in guard for pages, then Next.js.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readCookie, SESSION_COOKIE } from "../auth/cookies";
import type { Registry } from "../registry";
import { handleIngest } from "./ingest-handler";

interface NextLike {
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/** Paths that are served without a session: the login page, Next's assets, the API (which checks itself). */
const PUBLIC_PREFIXES = ["/login", "/_next/", "/api/", "/metrics", "/favicon", "/robots.txt", "/__nextjs"];

export function createRequestHandler(deps: { registry: Registry; next: NextLike | null }) {
  const nextHandler = deps.next?.getRequestHandler();
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (req.method === "POST" && (req.url === "/api/events" || req.url?.startsWith("/api/events?"))) {
      handleIngest(req, res, deps.registry).catch((err: unknown) => {
        deps.registry.log.error({ err }, "ingest request failed");
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
      return;
    }
    if (!nextHandler) {
      res.statusCode = 404;
      res.end("Not found");
      return;
    }
    void guardPage(req, res, deps.registry)
      .then((allowed) => (allowed ? nextHandler(req, res) : undefined))
      .catch((err: unknown) => {
        deps.registry.log.error({ err }, "request failed");
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
}

/** Sends a page request without a valid session to /login?next=...; true when the request may go on. */
async function guardPage(req: IncomingMessage, res: ServerResponse, registry: Registry): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return true;
  const url = new URL(req.url ?? "/", "http://x");
  if (PUBLIC_PREFIXES.some((p) => url.pathname === p || url.pathname.startsWith(p.endsWith("/") ? p : `${p}/`) || url.pathname.startsWith(p))) return true;
  if (/\.[a-z0-9]{2,5}$/i.test(url.pathname)) return true; // files from public/
  const principal = await registry.sessions.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
  if (principal) return true;
  url.searchParams.delete("_rsc"); // Next's client-navigation marker is not part of the page's address
  const next = url.pathname + url.search;
  res.statusCode = 302;
  res.setHeader("Location", next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  res.setHeader("Cache-Control", "no-store");
  res.end();
  return false;
}
