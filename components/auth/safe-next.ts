// safeNextPath: the post-login destination from `?next=`, accepted only when it is a same-site path.
const FALLBACK = "/";

/**
 * Returns `next` when it is a local path ("/jobs?x=1"), else "/". Rejects protocol-relative URLs
 * ("//evil.example"), backslash tricks ("/\\evil.example"), absolute URLs, control characters and
 * the login page itself. Next's internal `_rsc` parameter is dropped.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next) return FALLBACK;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return FALLBACK;
  // Browsers strip tabs and newlines from URLs, which could turn "/\t/evil" into "//evil".
  if (hasControlCharacter(next)) return FALLBACK;
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/login/")) return FALLBACK;
  return withoutRscParam(next);
}

/** Drops Next's internal `_rsc` cache-busting parameter, which a redirected client navigation can carry. */
function withoutRscParam(path: string): string {
  if (!path.includes("_rsc=")) return path;
  const url = new URL(path, "http://local");
  url.searchParams.delete("_rsc");
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
