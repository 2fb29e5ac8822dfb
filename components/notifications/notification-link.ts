// Where a notification's `link` may lead: an app path, or an http(s) URL; anything else (javascript:, data:...) nowhere.
export function safeNotificationHref(link: string | null | undefined): string | null {
  if (!link) return null;
  const l = link.trim();
  if (l.startsWith("/") && !l.startsWith("//")) return l;
  try {
    const url = new URL(l);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Whether an href stays inside the app (client-side navigation). */
export function isAppPath(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//");
}
