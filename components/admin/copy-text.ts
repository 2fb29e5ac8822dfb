// copyText: puts text on the clipboard (navigator.clipboard, or a hidden textarea and execCommand where that is missing or refused).

/** Resolves true when the text reached the clipboard. */
export async function copyText(text: string, env: { navigator?: Navigator; document?: Document } = defaultEnv()): Promise<boolean> {
  const clipboard = env.navigator?.clipboard;
  if (clipboard && typeof clipboard.writeText === "function") {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Refused (insecure origin, no permission): try the old way.
    }
  }
  return legacyCopy(text, env.document);
}

function legacyCopy(text: string, doc: Document | undefined): boolean {
  if (!doc?.body) return false;
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.style.position = "fixed";
  area.style.top = "-1000px";
  area.style.opacity = "0";
  const focused = doc.activeElement as HTMLElement | null;
  doc.body.appendChild(area);
  try {
    area.select();
    return typeof doc.execCommand === "function" && doc.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus?.();
  }
}

function defaultEnv(): { navigator?: Navigator; document?: Document } {
  return {
    navigator: typeof navigator === "undefined" ? undefined : navigator,
    document: typeof document === "undefined" ? undefined : document,
  };
}
